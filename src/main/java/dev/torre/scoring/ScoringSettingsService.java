package dev.torre.scoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.torre.platform.persistence.Sql;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.event.Changes;
import dev.torre.platform.event.EventLog;
import dev.torre.platform.ids.Ids;
import dev.torre.platform.input.Inputs;
import dev.torre.platform.persistence.Records;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.security.RequiresScope;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.time.ServerClock;

/** The only writer of a tenant's scoring settings; makes them, with defaults, the first time a tenant needs them. */
@ApplicationScoped
public class ScoringSettingsService {

    @Inject
    ServerClock clock;

    @Inject
    EntityManager em;

    @Inject
    EventLog events;

    @Inject
    Inputs inputs;

    @Inject
    ScoringRuleService rules;

    @Transactional
    @RequiresScope("scoring:read")
    public ScoringSettingsView get() {
        return view(current());
    }

    @Transactional
    @RequiresScope("scoring:write")
    public ScoringSettingsView update(JsonNode mergePatch, Long expectedVersion) {
        ScoringSettings settings = current();
        Records.checkWritable(settings, expectedVersion, "scoring settings");
        ScoringSettingsInput before = inputOf(settings);
        ScoringSettingsInput next = normalise(inputs.patch(before, mergePatch, ScoringSettingsInput.class));
        Map<String, Object> changes = Changes.between(inputs.tree(before), inputs.tree(next));
        if (!changes.isEmpty()) {
            settings.blendWeight = next.blendWeight();
            settings.changeStep = next.changeStep();
            settings.thresholds = next.thresholds().stream().map(ScoringSettingsService::stored).toList();
            settings.labelWindowDays = next.labelWindowDays();
            settings.churnWindowDays = next.churnWindowDays();
            settings.minPositives = next.minPositives();
            settings.minNegatives = next.minNegatives();
            events.append("scoring_settings", settings.id, "updated", Map.of("changes", changes));
            em.flush();
        }
        return view(settings);
    }

    /** The tenant's settings, made with the defaults (and the default rules) on the tenant's first use. */
    ScoringSettings current() {
        return ensure().settings();
    }

    record Ensured(ScoringSettings settings, boolean created) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    Ensured ensure() {
        List<ScoringSettings> found = load();
        if (!found.isEmpty()) {
            return new Ensured(found.getFirst(), false);
        }
        var now = clock.now();
        int inserted = Sql.update(em, SqlFragment.of("""
                insert into scoring_settings (tenant_id, id, blend_weight, change_step, thresholds, label_window_days,
                    churn_window_days, min_positives, min_negatives, rules_version, version, created_at, updated_at)
                values (?, ?, 0.5, 5, cast('[{"score": 60}]' as jsonb), 90, 90, 30, 30, 1, 0, ?, ?)
                on conflict do nothing
                """, TenantContext.current(), Ids.next(), now, now));
        if (inserted == 1) {
            rules.insertDefaults();
        }
        return new Ensured(load().getFirst(), inserted == 1);
    }

    /** Marks a change of the rules, so that scores name the rules version they were computed with. */
    @Transactional(Transactional.TxType.MANDATORY)
    void rulesChanged() {
        current().rulesVersion++;
    }

    private List<ScoringSettings> load() {
        return em.createQuery("from ScoringSettings", ScoringSettings.class).getResultList();
    }

    static List<ScoringSettingsInput.Threshold> thresholds(ScoringSettings s) {
        List<ScoringSettingsInput.Threshold> out = new ArrayList<>();
        for (Map<String, Object> t : s.thresholds) {
            out.add(new ScoringSettingsInput.Threshold(((Number) t.get("score")).intValue(), (String) t.get("stage")));
        }
        return out;
    }

    private static Map<String, Object> stored(ScoringSettingsInput.Threshold t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("score", t.score());
        if (t.stage() != null) {
            m.put("stage", t.stage());
        }
        return m;
    }

    private static ScoringSettingsInput inputOf(ScoringSettings s) {
        return new ScoringSettingsInput(s.blendWeight.stripTrailingZeros(), s.changeStep, thresholds(s), s.labelWindowDays,
                s.churnWindowDays, s.minPositives, s.minNegatives);
    }

    private static ScoringSettingsInput normalise(ScoringSettingsInput in) {
        Set<Integer> seen = new HashSet<>();
        for (ScoringSettingsInput.Threshold t : in.thresholds()) {
            if (!seen.add(t.score())) {
                String message = "Two thresholds at score " + t.score();
                throw new TorreException(ErrorCode.VALIDATION, message,
                        List.of(new FieldError("thresholds", "duplicate", message)));
            }
        }
        List<ScoringSettingsInput.Threshold> sorted = in.thresholds().stream()
                .sorted(Comparator.comparing(ScoringSettingsInput.Threshold::score)).toList();
        return new ScoringSettingsInput(in.blendWeight().setScale(3, java.math.RoundingMode.HALF_UP).stripTrailingZeros(),
                in.changeStep(), sorted, in.labelWindowDays(), in.churnWindowDays(), in.minPositives(), in.minNegatives());
    }

    private static ScoringSettingsView view(ScoringSettings s) {
        return new ScoringSettingsView(s.blendWeight.stripTrailingZeros(), s.changeStep, thresholds(s), s.labelWindowDays,
                s.churnWindowDays, s.minPositives, s.minNegatives, s.rulesVersion, s.version, s.updatedAt);
    }

    static double blendWeight(ScoringSettings s) {
        return s.blendWeight == null ? 0 : s.blendWeight.doubleValue();
    }
}
