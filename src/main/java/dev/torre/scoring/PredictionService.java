package dev.torre.scoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;

import dev.torre.platform.persistence.Sql;
import dev.torre.contact.ContactLookupService;
import dev.torre.deal.DealService;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.event.EventLog;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.security.RequiresScope;
import dev.torre.platform.tenancy.TenantContext;

/**
 * The only writer of the per-record predictions ({@code deal_score}, {@code churn_score}): predicts any set of a
 * kind's records in one statement with the model's exact logit parts as factors, and copies the probabilities onto
 * the records through their own services. Runs when a model trains (every record), when events touch records, and
 * for predictions older than a day (their recency features move with time).
 */
@ApplicationScoped
public class PredictionService {

    /** How many of the largest logit parts a prediction keeps as its factors. */
    static final int TOP_FACTORS = 5;
    private static final TypeReference<List<Map<String, Object>>> PARTS = new TypeReference<>() {
    };

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    DealWin dealWin;

    @Inject
    ChurnRisk churn;

    @Inject
    DealService deals;

    @Inject
    ContactLookupService contacts;

    @Inject
    DerivedValues derived;

    @Inject
    EventLog events;

    @Inject
    ScoringConfig config;

    /** A stored prediction: the record, its probability and largest logit parts, and the model version. */
    record Stored(UUID id, double probability, List<LogitPart> factors, int modelVersion, Instant computedAt) {
    }

    @RequiresScope("deals:read")
    public WinPredictionView winPrediction(UUID dealId) {
        deals.get(dealId);
        return Optional.ofNullable(shown(dealWin, List.of(dealId)).get(dealId)).map(WinPredictionView::of)
                .orElseThrow(() -> TorreException.notFound("A win prediction for deal " + dealId
                        + " (open deals have one once a deal_win model is ready)"));
    }

    /** Win predictions by deal, for GraphQL's batched loading; deals without one are absent. */
    @RequiresScope("deals:read")
    public Map<UUID, WinPredictionView> winPredictionsOf(Collection<UUID> dealIds) {
        Map<UUID, WinPredictionView> out = new LinkedHashMap<>();
        shown(dealWin, dealIds).forEach((id, s) -> out.put(id, WinPredictionView.of(s)));
        return out;
    }

    @RequiresScope("contacts:read")
    public ChurnRiskView churnRisk(UUID contactId) {
        contacts.get(contactId);
        return Optional.ofNullable(shown(churn, List.of(contactId)).get(contactId)).map(ChurnRiskView::of)
                .orElseThrow(() -> TorreException.notFound("A churn risk for contact " + contactId
                        + " (customers have one once a churn model is ready)"));
    }

    /** Churn risks by contact, for GraphQL's batched loading; contacts without one are absent. */
    @RequiresScope("contacts:read")
    public Map<UUID, ChurnRiskView> churnRisksOf(Collection<UUID> contactIds) {
        Map<UUID, ChurnRiskView> out = new LinkedHashMap<>();
        shown(churn, contactIds).forEach((id, s) -> out.put(id, ChurnRiskView.of(s)));
        return out;
    }

    /** The stored predictions as the caller may see them: without the factors derived from what it may not see. */
    private Map<UUID, Stored> shown(Predicted kind, Collection<UUID> ids) {
        DerivedValues.Sight sight = derived.sight();
        Map<UUID, Stored> out = new LinkedHashMap<>();
        stored(kind, ids).forEach((id, s) -> out.put(id, new Stored(s.id(), s.probability(),
                sight.visible(kind.sources(), s.factors(), LogitPart::name), s.modelVersion(), s.computedAt())));
        return out;
    }

    /**
     * Re-predicts every record of the kind with a newly trained model, as of {@code now}, in bounded transactions
     * of {@code rescoreBatch} records each (in id order: the records that qualify and those that had a prediction),
     * so that no long transaction holds back the event feed or other writers. Each record's prediction is computed
     * by the same statement whatever batch it falls in, so the outcome is the one a single transaction would have.
     */
    int predictAll(Predicted kind, LinearModel model, Instant now) {
        return predictAll(kind, model, now, config.worker().rescoreBatch());
    }

    /** As {@link #predictAll(Predicted, LinearModel, Instant)}, {@code batch} records per transaction. */
    int predictAll(Predicted kind, LinearModel model, Instant now, int batch) {
        int written = 0;
        UUID after = NIL;
        while (true) {
            UUID from = after;
            List<UUID> ids = new ArrayList<>();
            written += QuarkusTransaction.requiringNew().call(() -> {
                ids.addAll(nextRecords(kind, now, from, batch));
                return ids.isEmpty() ? 0 : predict(kind, model, ids.toArray(UUID[]::new), now);
            });
            if (ids.size() < batch) {
                return written;
            }
            after = ids.getLast();
        }
    }

    /** The smallest UUID, below every record's id. */
    private static final UUID NIL = new UUID(0, 0);

    /** The next {@code limit} ids after {@code after} of records that qualify now or have a prediction, in id order. */
    private List<UUID> nextRecords(Predicted kind, Instant now, UUID after, int limit) {
        String tenant = TenantContext.current();
        return Sql.query(em, Features.concat(SqlFragment.of("select id from (select o.id from ("),
                kind.observations(tenant, null, now),
                SqlFragment.of(") o where o.id > ?\nunion select s.%1$s from %2$s s where s.tenant_id = ? and s.%1$s > ?) x order by id limit ?"
                        .formatted(kind.store().idColumn(), kind.store().table()), after, tenant, after, limit)),
                r -> Sql.uuid(r, 1));
    }

    /** Re-predicts the given records (those that still qualify) with the kind's latest ready model, if there is one. */
    @Transactional(Transactional.TxType.MANDATORY)
    int refresh(Predicted kind, Collection<UUID> ids, Instant now) {
        if (ids.isEmpty()) {
            return 0;
        }
        return LinearModel.latestReady(em, kind.store().kind()).map(m -> predict(kind, m, ids.toArray(UUID[]::new), now)).orElse(0);
    }

    /** Re-predicts one bounded batch of the kind's predictions computed before {@code now - maxAge}, oldest first. */
    @Transactional(Transactional.TxType.MANDATORY)
    int refreshStale(Predicted kind, Instant now, Duration maxAge, int batch) {
        Optional<LinearModel> model = LinearModel.latestReady(em, kind.store().kind());
        if (model.isEmpty()) {
            return 0;
        }
        List<UUID> stale = Sql.query(em, SqlFragment.of("select %s from %s where tenant_id = ? and computed_at < ? order by computed_at limit ?"
                .formatted(kind.store().idColumn(), kind.store().table()), TenantContext.current(), now.minus(maxAge), batch), r -> Sql.uuid(r, 1));
        return stale.isEmpty() ? 0 : predict(kind, model.get(), stale.toArray(UUID[]::new), now);
    }

    /**
     * Replaces the predictions of {@code ids} (null: all the tenant's) by the model's for the records that qualify
     * now, then copies the new probabilities onto the records, and clears them on records that no longer qualify.
     * Answers how many predictions it wrote.
     */
    private int predict(Predicted kind, LinearModel model, UUID[] ids, Instant now) {
        String tenant = TenantContext.current();
        String table = kind.store().table();
        String id = kind.store().idColumn();
        Map<UUID, BigDecimal> before = new LinkedHashMap<>();
        Sql.query(em, Features.concat(
                SqlFragment.of("delete from %s where tenant_id = ?".formatted(table), tenant),
                ids == null ? SqlFragment.EMPTY : SqlFragment.of(" and %s = any(?)".formatted(id), (Object) ids),
                SqlFragment.of(" returning " + id + ", probability")), r -> before.put(Sql.uuid(r, 1), rounded(r.getDouble(2))));
        Set<UUID> touched = new LinkedHashSet<>(before.keySet());
        Map<UUID, BigDecimal> written = new LinkedHashMap<>();
        Sql.query(em, Features.concat(
                SqlFragment.of("with obs as ("), kind.observations(tenant, ids, now),
                SqlFragment.of("),\nfeat(id, feature, value) as (\n"), kind.pieces(tenant), SqlFragment.of("),\n"),
                model.logitParts(),
                SqlFragment.of("""
                        ranked as (
                          select id, name, part, row_number() over (partition by id order by abs(part) desc, name) as rank
                          from logit
                        )
                        insert into %s (tenant_id, %s, probability, factors, model_version, computed_at)
                        select ?, o.id, 1 / (1 + exp(-greatest(-700, least(700, ? + coalesce(sum(r.part order by r.rank), 0))))),
                               coalesce(jsonb_agg(jsonb_build_object('name', r.name, 'logit', round(r.part::numeric, 4))
                                        order by r.rank) filter (where r.rank <= ?), '[]'::jsonb),
                               ?, ?
                        from obs o left join ranked r on r.id = o.id
                        group by o.id
                        returning %s, probability
                        """.formatted(table, id, id), tenant, model.intercept(), TOP_FACTORS, model.version(), now)),
                r -> written.put(Sql.uuid(r, 1), rounded(r.getDouble(2))));
        touched.addAll(written.keySet());
        kind.store(touched.toArray(UUID[]::new), touched.stream().map(written::get).toArray(BigDecimal[]::new));
        if (kind == churn) {
            announceChurnCrossings(before, written);
        }
        return written.size();
    }

    /**
     * One {@code contact.churn_risk_crossed} event per contact and configured threshold its churn risk passed, up
     * ({@code before < threshold <= after}) or down; a first prediction counts from 0, a contact that no longer has one
     * (no longer a customer) crosses nothing. Only moves are announced, so a re-prediction that changes nothing is silent.
     */
    private void announceChurnCrossings(Map<UUID, BigDecimal> before, Map<UUID, BigDecimal> after) {
        List<UUID> ids = new ArrayList<>();
        List<Map<String, Object>> payloads = new ArrayList<>();
        after.forEach((contact, now) -> {
            BigDecimal was = before.getOrDefault(contact, BigDecimal.ZERO);
            for (BigDecimal threshold : config.churnThresholds()) {
                boolean up = was.compareTo(threshold) < 0 && now.compareTo(threshold) >= 0;
                boolean down = was.compareTo(threshold) >= 0 && now.compareTo(threshold) < 0;
                if (up || down) {
                    ids.add(contact);
                    payloads.add(Map.of("threshold", threshold, "direction", up ? "up" : "down",
                            "before", was, "after", now));
                }
            }
        });
        events.appendAll("contact", CHURN_RISK_CROSSED, ids, payloads);
    }

    static final String CHURN_RISK_CROSSED = "churn_risk_crossed";

    /** The stored predictions of the kind for the given records; records without one are absent. */
    Map<UUID, Stored> stored(Predicted kind, Collection<UUID> ids) {
        Map<UUID, Stored> out = new LinkedHashMap<>();
        Sql.query(em, SqlFragment.of("""
                select %s, probability, factors::text, model_version, computed_at
                from %s where tenant_id = ? and %s = any(?)
                """.formatted(kind.store().idColumn(), kind.store().table(), kind.store().idColumn()), TenantContext.current(),
                ids.toArray(UUID[]::new)), r -> new Stored(Sql.uuid(r, 1), rounded(r.getDouble(2)).doubleValue(), parts(r.getString(3)),
                        r.getInt(4), r.getTimestamp(5).toInstant()))
                .forEach(s -> out.put(s.id(), s));
        return out;
    }

    /** Probabilities are shown to four decimals, on the records and on the predictions alike. */
    private static BigDecimal rounded(double probability) {
        return BigDecimal.valueOf(probability).setScale(4, RoundingMode.HALF_UP);
    }

    private List<LogitPart> parts(String text) {
        try {
            return json.readValue(text, PARTS).stream()
                    .map(p -> new LogitPart((String) p.get("name"), ((Number) p.get("logit")).doubleValue())).toList();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Unreadable prediction factors", e);
        }
    }
}
