package dev.torre.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.torre.platform.persistence.Sql;
import dev.torre.contact.ContactLookupService;
import dev.torre.contact.ContactScoreService;
import dev.torre.contact.ContactView;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.event.EventLog;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.security.RequiresScope;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.time.ServerClock;

/**
 * The lead score: computed in SQL for any set of contacts at once from the tenant's rules and, when one is ready,
 * its trained model; stored with its explanation, copied onto the contact, and announced by events.
 */
@ApplicationScoped
public class LeadScoreService {

    @Inject
    ServerClock clock;

    static final String KIND = "lead_conversion";
    private static final int TOP_FACTORS = 10;
    private static final TypeReference<List<Factor>> FACTORS = new TypeReference<>() {
    };

    @Inject
    EntityManager em;

    @Inject
    EventLog events;

    @Inject
    ContactLookupService contacts;

    @Inject
    ContactScoreService contactScores;

    @Inject
    ScoringRuleService rules;

    @Inject
    ScoringSettingsService settings;

    @Inject
    ObjectMapper mapper;

    @Inject
    DerivedValues derived;

    /** The model's factors come from the lead features; its baseline from nothing guarded. */
    static final List<FeatureSource> MODEL_SOURCES = Stream.concat(Features.SOURCES.stream(),
            Stream.of(FeatureSource.unguarded("model baseline"))).toList();

    /** A lead on a seller's list: who, the score and the strongest reasons for it. */
    public record Lead(ContactView contact, int score, List<Factor> reasons) {
    }

    /** What a recompute did: how many contacts' scores changed, and how many contact.score_changed events it emitted. */
    public record Recomputed(int changed, int announced) {
    }

    /** The contact's stored score; a contact not scored yet (the worker has not reached it) is scored now. */
    @Transactional
    @RequiresScope("contacts:read")
    public ScoreView score(UUID contactId) {
        contacts.get(contactId);
        Map<UUID, ScoreView> stored = stored(List.of(contactId));
        if (stored.isEmpty()) {
            recompute(new UUID[] { contactId }, clock.now());
            stored = stored(List.of(contactId));
        }
        return stored.get(contactId);
    }

    /** Stored scores by contact, for GraphQL's batched loading; contacts not scored yet are absent. */
    @RequiresScope("contacts:read")
    public Map<UUID, ScoreView> scoresOf(Collection<UUID> contactIds) {
        return stored(contactIds);
    }

    /** What asking for a full rescore did: how many active contacts the worker will score again. */
    public record RescoreRequested(long contacts) {
    }

    /**
     * Asks the scoring worker to score every active contact again, in its bounded batches (one transaction per
     * batch, other tenants served in between); a rescore under way starts over. Answers at once.
     */
    @Transactional
    @RequiresScope("scoring:write")
    public RescoreRequested recomputeAll() {
        return new RescoreRequested(requestFullRescore());
    }

    /**
     * Asks for every active contact of the current tenant to be rescored, from the first, by the worker's bounded
     * batches (starting over if one is under way); answers how many contacts that is.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    long requestFullRescore() {
        String tenant = TenantContext.current();
        Sql.update(em, SqlFragment.of("insert into scoring_cursor (tenant_id) values (?) on conflict do nothing", tenant));
        Sql.update(em, SqlFragment.of("""
                update scoring_cursor set rescore_pending = true, rescore_after = null, rescore_requested_at = ?
                where tenant_id = ?
                """, clock.now(), tenant));
        return Sql.query(em, SqlFragment.of("select count(*) from contact where tenant_id = ? and archived_at is null", tenant),
                r -> r.getLong(1)).getFirst();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    Recomputed recomputeAllAt(Instant now) {
        return recompute(null, now);
    }

    @RequiresScope("scoring:read")
    public List<Lead> nextBestLeads(String owner, int limit) {
        if (limit < 1 || limit > 100) {
            throw new TorreException(ErrorCode.INVALID_QUERY, "limit must be between 1 and 100",
                    List.of(new FieldError("limit", "out_of_range", "Between 1 and 100")));
        }
        SqlFragment query = Features.concat(SqlFragment.of("""
                select s.contact_id, s.value, cast(s.factors as text)
                from contact_score s join contact c on c.tenant_id = s.tenant_id and c.id = s.contact_id
                where s.tenant_id = ? and c.archived_at is null and c.lifecycle_stage in ('subscriber', 'lead', 'mql', 'sql')
                """, TenantContext.current()),
                owner == null ? SqlFragment.EMPTY : SqlFragment.of(" and c.owner_id = ?", owner),
                SqlFragment.of(" order by s.value desc, s.contact_id limit ?", limit));
        record Row(UUID id, int value, List<Factor> factors) {
        }
        List<Row> rows = Sql.query(em, query, r -> new Row(Sql.uuid(r, 1), r.getInt(2), factors(r.getString(3))));
        Map<UUID, ContactView> views = contacts.byIds(rows.stream().map(Row::id).toList());
        Shown shown = shown();
        return rows.stream().filter(r -> views.containsKey(r.id())).map(r -> new Lead(views.get(r.id()), r.value(),
                shown.of(r.factors()).stream().filter(f -> f.contribution() > 0).limit(3).toList())).toList();
    }

    /**
     * Scores the given contacts (null: all the tenant's active contacts) as of {@code now} in one statement, then
     * copies changed values onto the contacts and emits the events. Answers how many were scored and changed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    Recomputed recompute(UUID[] ids, Instant now) {
        String tenant = TenantContext.current();
        List<ScoringRule> active = rules.active();
        ScoringSettings config = settings.current();
        Optional<LinearModel> model = LinearModel.latestReady(em, KIND);
        double weight = model.isPresent() ? ScoringSettingsService.blendWeight(config) : 0;
        String label = "rules v" + config.rulesVersion + model.map(m -> " + " + m.label()).orElse("");

        List<SqlFragment> ruleFactors = ScoreSql.rules(active, tenant, now);
        SqlFragment statement = ScoreSql.statement(tenant, ids, now, ruleFactors, model, weight, config.changeStep,
                config.rulesVersion, TOP_FACTORS);
        record Moved(UUID id, Integer previous, int value, int notified, int nextNotified) {
        }
        List<Moved> moved = Sql.query(em, statement, r -> new Moved(Sql.uuid(r, 1), Sql.integer(r, 2), r.getInt(3),
                r.getInt(4), r.getInt(5)));
        List<UUID> changedIds = new ArrayList<>();
        List<Integer> changedValues = new ArrayList<>();
        List<ScoringSettingsInput.Threshold> thresholds = ScoringSettingsService.thresholds(config);
        List<UUID> announcedIds = new ArrayList<>();
        List<Map<String, Object>> announced = new ArrayList<>();
        List<UUID> crossedIds = new ArrayList<>();
        List<Map<String, Object>> crossed = new ArrayList<>();
        for (Moved m : moved) {
            int before = m.previous() == null ? 0 : m.previous();
            if (m.previous() == null || before != m.value()) {
                changedIds.add(m.id());
                changedValues.add(m.value());
            }
            if (m.nextNotified() != m.notified()) {
                announcedIds.add(m.id());
                announced.add(Map.of("before", m.notified(), "after", m.value(), "model", label));
            }
            for (ScoringSettingsInput.Threshold t : thresholds) {
                boolean up = before < t.score() && m.value() >= t.score();
                boolean down = before >= t.score() && m.value() < t.score();
                if (up || down) {
                    crossedIds.add(m.id());
                    crossed.add(Map.of("threshold", t.score(), "direction", up ? "up" : "down", "before", before,
                            "after", m.value()));
                }
            }
        }
        // both kinds of announcement in one statement, the moves first as before
        List<String> actions = new ArrayList<>(java.util.Collections.nCopies(announcedIds.size(), "score_changed"));
        actions.addAll(java.util.Collections.nCopies(crossedIds.size(), "score_threshold_crossed"));
        events.appendAll("contact", actions, concat(announcedIds, crossedIds), concat(announced, crossed));
        for (int i = 0; i < crossedIds.size(); i++) {
            String stage = stageOf(thresholds, crossed.get(i));
            if (stage != null) {
                contactScores.advanceStage(crossedIds.get(i), stage);
            }
        }
        contactScores.storeLeadScores(changedIds.toArray(UUID[]::new), changedValues.toArray(Integer[]::new));
        return new Recomputed(changedIds.size(), announcedIds.size());
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    /** The stage an upward crossing moves the contact to, if its threshold names one. */
    private static String stageOf(List<ScoringSettingsInput.Threshold> thresholds, Map<String, Object> crossing) {
        if (!"up".equals(crossing.get("direction"))) {
            return null;
        }
        return thresholds.stream().filter(t -> t.score().equals(crossing.get("threshold"))).findFirst()
                .map(ScoringSettingsInput.Threshold::stage).orElse(null);
    }

    /**
     * Which factors the caller may see: a model factor unless its feature comes from what the caller may not see,
     * a rule's unless the condition or match of a rule of that name reads it (a rule no longer defined counts as
     * unknown), the rest always.
     */
    private Shown shown() {
        DerivedValues.Sight sight = derived.sight();
        if (!sight.restricted()) {
            return factors -> factors;
        }
        Map<String, List<FeatureSource>> byRule = new HashMap<>();
        for (ScoringRule rule : rules.defined()) {
            byRule.computeIfAbsent(rule.name, n -> new ArrayList<>()).addAll(RuleConditions.sources(rule));
        }
        return factors -> factors.stream().filter(f -> switch (f.kind()) {
            case "model" -> sight.sees(MODEL_SOURCES, f.name());
            case "rule" -> byRule.containsKey(f.name()) && sight.sees(byRule.get(f.name()), f.name());
            default -> true;
        }).toList();
    }

    /** Filters a score's factors. */
    private interface Shown {
        List<Factor> of(List<Factor> factors);
    }

    private Map<UUID, ScoreView> stored(Collection<UUID> contactIds) {
        SqlFragment query = SqlFragment.of("""
                select contact_id, value, cast(factors as text), rules_version, model_version, probability, computed_at
                from contact_score where tenant_id = ? and contact_id = any(?)
                """, TenantContext.current(), contactIds.toArray(UUID[]::new));
        Map<UUID, ScoreView> out = new LinkedHashMap<>();
        Shown shown = shown();
        Sql.query(em, query, r -> {
            Integer modelVersion = Sql.integer(r, 5);
            double p = r.getDouble(6);
            Double probability = r.wasNull() ? null : p;
            long rulesVersion = r.getLong(4);
            String model = "rules v" + rulesVersion + (modelVersion == null ? "" : " + " + KIND + " v" + modelVersion);
            return new ScoreView(Sql.uuid(r, 1), r.getInt(2), shown.of(factors(r.getString(3))), model, probability, rulesVersion,
                    modelVersion, r.getObject(7, java.time.OffsetDateTime.class).toInstant());
        }).forEach(v -> out.put(v.contactId(), v));
        return out;
    }

    private List<Factor> factors(String json) {
        try {
            return mapper.readValue(json, FACTORS);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Stored factors are not readable", e);
        }
    }
}
