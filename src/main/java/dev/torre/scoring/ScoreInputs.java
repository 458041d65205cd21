package dev.torre.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import dev.torre.platform.access.DerivedInputs;

/**
 * What the scores stored on records are computed from, for the query layer's refusal to order or filter by a score
 * whose input the caller may not see: a contact's {@code leadScore} from its rules' conditions and the lead model's
 * features, {@code churnRisk} from the churn model's, a deal's {@code predictedWinProbability} from the win model's.
 * A model counts only once one is ready (before that the score reads nothing of it), and only with the features it has.
 */
@ApplicationScoped
class ScoreInputs implements DerivedInputs {

    @Inject
    EntityManager em;

    @Inject
    ScoringRuleService rules;

    @Override
    public Optional<List<Input>> inputs(String type, String field) {
        String key = type + "." + field;
        return switch (key) {
            case "contact.leadScore" -> {
                List<Input> inputs = new ArrayList<>();
                List<ScoringRule> defined = rules.defined();
                // a tenant that has not used scoring yet will be scored with the default rules
                if (defined.isEmpty()) {
                    ScoringRuleService.DEFAULTS.forEach(in -> RuleConditions.sources(in.kind(), in.condition(), in.match())
                            .forEach(s -> add(inputs, s)));
                }
                for (ScoringRule rule : defined) {
                    RuleConditions.sources(rule).forEach(s -> add(inputs, s));
                }
                inputs.addAll(model(LeadScoreService.KIND, LeadScoreService.MODEL_SOURCES));
                yield Optional.of(inputs);
            }
            case "contact.churnRisk" -> Optional.of(model(ChurnRisk.KIND, ChurnRisk.SOURCES));
            case "deal.predictedWinProbability" -> Optional.of(model(DealWin.KIND, DealWin.SOURCES));
            default -> Optional.empty();
        };
    }

    /** The sources of the features the kind's ready model uses; none while no model is ready. */
    private List<Input> model(String kind, List<FeatureSource> sources) {
        List<Input> inputs = new ArrayList<>();
        LinearModel.latestReady(em, kind).ifPresent(m -> {
            for (String feature : m.names()) {
                sources.stream().filter(s -> s.covers(feature)).forEach(s -> add(inputs, s));
            }
        });
        return inputs;
    }

    private static void add(List<Input> inputs, FeatureSource source) {
        if (source.type() != null) {
            inputs.add(new Input(source.type(), source.field()));
        }
    }
}
