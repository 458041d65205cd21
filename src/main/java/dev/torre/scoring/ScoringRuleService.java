package dev.torre.scoring;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;

import com.fasterxml.jackson.databind.JsonNode;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.persistence.DescribedStore;
import dev.torre.platform.security.RequiresScope;

/** The only writer of scoring rules; gives every new tenant the default rule set. */
@ApplicationScoped
public class ScoringRuleService extends DescribedStore<ScoringRule, ScoringRuleInput> {

    static final int MAX_RULES = 100;

    /** Scoring rules have no filtered lists and no keys besides their id. */
    private static final Kind<ScoringRule, ScoringRuleInput> KIND = new Kind<>("scoring_rule", ScoringRule.class, ScoringRule::new,
            ScoringRuleInput.class, "scoring_rule", "scoring", "/v1/scoring/rules", null, List.of(), Map.of());

    /** What a tenant starts with; it may change or archive any of them. */
    static final List<ScoringRuleInput> DEFAULTS = List.of(
            attribute("Gold or platinum account", "company.tier eq \"gold\" or company.tier eq \"platinum\"", 15),
            attribute("Marketing qualified", "lifecycleStage eq \"mql\"", 10),
            attribute("Personal email address",
                    "email ew \"@gmail.com\" or email ew \"@hotmail.com\" or email ew \"@yahoo.com\" or email ew \"@outlook.com\"", -10),
            new ScoringRuleInput("Visited the pricing page", "behaviour", null, "web_visit", "pageUrl co \"/pricing\"", 30, 1,
                    new BigDecimal("7"), new BigDecimal("20")),
            new ScoringRuleInput("Had a meeting", "behaviour", null, "meeting", null, 60, 1, new BigDecimal("30"),
                    new BigDecimal("15")),
            new ScoringRuleInput("Replied by email", "behaviour", null, "email", "direction eq \"inbound\"", 30, 1,
                    new BigDecimal("14"), new BigDecimal("10")));

    @Inject
    ScoringSettingsService settings;

    @Transactional
    @RequiresScope("scoring:read")
    public List<ScoringRuleView> list() {
        return active().stream().map(ScoringRuleView::of).toList();
    }

    @Transactional
    @RequiresScope("scoring:read")
    public ScoringRuleView get(UUID id) {
        ensureDefaults();
        return ScoringRuleView.of(find(id));
    }

    @Transactional
    @RequiresScope("scoring:write")
    public ScoringRuleView create(@Valid ScoringRuleInput input) {
        if (active().size() >= MAX_RULES) {
            throw new TorreException(ErrorCode.CONFLICT, "A tenant may have at most " + MAX_RULES + " active rules");
        }
        ScoringRule rule = createOne(input);
        settings.rulesChanged();
        return ScoringRuleView.of(rule);
    }

    @Transactional
    @RequiresScope("scoring:write")
    public ScoringRuleView update(UUID id, JsonNode mergePatch, Long expectedVersion) {
        ensureDefaults();
        ScoringRule rule = updateOne(id, mergePatch, expectedVersion);
        settings.rulesChanged();
        return ScoringRuleView.of(rule);
    }

    @Transactional
    @RequiresScope("scoring:write")
    public void archive(UUID id) {
        ensureDefaults();
        archiveOne(id);
        settings.rulesChanged();
    }

    /** The tenant's active rules, oldest first; the default set is made on the tenant's first use. */
    @Transactional(Transactional.TxType.MANDATORY)
    List<ScoringRule> active() {
        ensureDefaults();
        return em.createQuery("from ScoringRule where archivedAt is null order by createdAt, id", ScoringRule.class)
                .getResultList();
    }

    /**
     * Every rule the tenant has defined, archived ones too (a stored score may still name one), for reading what
     * a score's factors came from; makes no defaults and needs no transaction.
     */
    List<ScoringRule> defined() {
        return em.createQuery("from ScoringRule order by createdAt, id", ScoringRule.class).getResultList();
    }

    private void ensureDefaults() {
        settings.ensure();
    }

    /** Gives a new tenant the default rules; called once, when its settings are made. */
    @Transactional(Transactional.TxType.MANDATORY)
    void insertDefaults() {
        DEFAULTS.forEach(d -> insert(normalise(d)));
        flush();
    }

    private static ScoringRuleInput attribute(String name, String condition, int points) {
        return new ScoringRuleInput(name, "attribute", condition, null, null, null, null, null, BigDecimal.valueOf(points));
    }

    // --- the rule's own checks ---

    @Override
    public ScoringRuleInput normalise(ScoringRuleInput in) {
        List<FieldError> errors = new ArrayList<>();
        boolean behaviour = "behaviour".equals(in.kind());
        if (behaviour) {
            required(errors, "interactionType", in.interactionType());
            required(errors, "windowDays", in.windowDays());
            forbidden(errors, "condition", in.condition(), "behaviour");
        } else {
            required(errors, "condition", in.condition());
            forbidden(errors, "interactionType", in.interactionType(), "attribute");
            forbidden(errors, "match", in.match(), "attribute");
            forbidden(errors, "windowDays", in.windowDays(), "attribute");
            forbidden(errors, "minCount", in.minCount(), "attribute");
            forbidden(errors, "halfLifeDays", in.halfLifeDays(), "attribute");
        }
        if (!errors.isEmpty()) {
            throw new TorreException(ErrorCode.VALIDATION, errors.getFirst().message(), errors);
        }
        String condition = blankToNull(in.condition());
        String match = blankToNull(in.match());
        if (condition != null) {
            RuleConditions.condition(condition, clock.now());
        }
        if (match != null) {
            RuleConditions.match(match, clock.now());
        }
        return new ScoringRuleInput(in.name().trim(), in.kind(), condition, in.interactionType(), match, in.windowDays(),
                behaviour && in.minCount() == null ? Integer.valueOf(1) : in.minCount(),
                in.halfLifeDays() == null ? null : in.halfLifeDays().stripTrailingZeros(), in.points().stripTrailingZeros());
    }

    private static void required(List<FieldError> errors, String field, Object value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            errors.add(new FieldError(field, "required", field + " is required for this kind of rule"));
        }
    }

    private static void forbidden(List<FieldError> errors, String field, Object value, String kind) {
        if (value != null) {
            errors.add(new FieldError(field, "not_allowed", field + " does not apply to " + kind + " rules"));
        }
    }

    @Override
    protected Kind<ScoringRule, ScoringRuleInput> kind() {
        return KIND;
    }

    @Override
    public ScoringRuleInput inputOf(ScoringRule r) {
        return new ScoringRuleInput(r.name, r.kind, r.condition, r.interactionType, r.match, r.windowDays, r.minCount,
                r.halfLifeDays == null ? null : r.halfLifeDays.stripTrailingZeros(), r.points.stripTrailingZeros());
    }

    @Override
    public Map<Integer, TorreException> checkReferences(Map<Integer, ScoringRuleInput> inputs) {
        return Map.of();
    }

    @Override
    protected void apply(ScoringRule r, ScoringRuleInput in) {
        r.name = in.name();
        r.kind = in.kind();
        r.condition = in.condition();
        r.interactionType = in.interactionType();
        r.match = in.match();
        r.windowDays = in.windowDays();
        r.minCount = in.minCount();
        r.halfLifeDays = in.halfLifeDays();
        r.points = in.points();
    }
}
