package dev.torre.scoring;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import dev.torre.platform.tenancy.TenantContext;
import dev.torre.testing.Bodies;
import dev.torre.testing.Seed;

/**
 * The set-based lead score gives every contact of a batch exactly what scoring it alone gives: the same value,
 * notified value, rule points, factors and decay flag, the same copy on the contact (and version), and the same
 * events. Two tenants hold the same varied contacts; one is scored in one batch, the other one contact at a time.
 */
@QuarkusTest
class ScoringBatchTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    @Inject
    LeadScoreService scores;

    @Inject
    DataSource dataSource;

    @Test
    void aBatchScoresEveryContactAsScoringItAloneWould() {
        String together = newTenant();
        String alone = newTenant();
        Map<String, String> a = people(together);
        Map<String, String> b = people(alone);
        long fromA = lastEvent(together);
        long fromB = lastEvent(alone);

        inTenant(together, () -> scores.recompute(a.values().stream().map(UUID::fromString).toArray(UUID[]::new), NOW));
        for (String id : b.values()) {
            inTenant(alone, () -> scores.recompute(new UUID[] { UUID.fromString(id) }, NOW));
        }

        Map<String, String> batch = outcome(together, a, fromA);
        Map<String, String> single = outcome(alone, b, fromB);
        assertEquals(single, batch);
        assertTrue(batch.values().stream().map(v -> v.substring(0, v.indexOf('|'))).distinct().count() >= 5,
                "the contacts are varied: " + batch);
        assertTrue(batch.values().stream().anyMatch(v -> v.contains("contact.score_threshold_crossed")),
                "some contact crossed the threshold: " + batch);
        assertTrue(batch.values().stream().anyMatch(v -> v.contains("contact.score_changed")), batch.toString());
        assertTrue(batch.values().stream().anyMatch(v -> v.contains("contact.updated")), "a stage moved: " + batch);
        assertTrue(batch.values().stream().anyMatch(v -> v.contains("Two visits in a month")), batch.toString());
    }

    /**
     * The same contacts in a tenant, by key: every default rule and two more (a count with no decay, a match) hold
     * for some and not for others, with visits, meetings and replies of various ages; a threshold at 30 moves the
     * contacts that cross it to SQL.
     */
    private Map<String, String> people(String tenant) {
        admin(tenant).body("""
                {"name":"Two visits in a month","kind":"behaviour","interactionType":"web_visit","windowDays":30,
                 "minCount":2,"points":5}
                """).when().post("/v1/scoring/rules").then().statusCode(201);
        admin(tenant).body(Bodies.scoringRule().name("Blog reader").kind("behaviour").interactionType("web_visit")
                .match("pageUrl co \"/blog\"").windowDays(60).halfLifeDays(10).points(7.5).build()).when().post("/v1/scoring/rules").then().statusCode(201);
        admin(tenant).body(Bodies.scoringThresholds(Map.of("score", 30, "stage", "sql"))).when().patch("/v1/scoring/settings").then().statusCode(200);
        String gold = Seed.company(tenant, Bodies.company().name("Acme").tier("gold"));
        ScoringData data = new ScoringData(dataSource);
        Map<String, String> ids = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            String email = i % 3 == 0 ? "p" + i + "@gmail.com" : "p" + i + "@acme.es";
            Bodies.Contact contact = Bodies.contact().email(email).lifecycleStage(i % 4 == 1 ? "mql" : "lead");
            String id = Seed.contact(tenant, i % 2 == 0 ? contact.companyId(gold) : contact);
            ids.put("p" + i, id);
            for (int v = 0; v < i % 4; v++) {
                data.interaction(tenant, id, "web_visit", "inbound",
                        v % 2 == 0 ? "https://acme.example/pricing" : "https://acme.example/blog/post",
                        NOW.minus(v * 3L + i % 5, ChronoUnit.DAYS).minus(i, ChronoUnit.HOURS));
            }
            if (i % 5 == 0) {
                data.interaction(tenant, id, "meeting", "outbound", null, NOW.minus(i, ChronoUnit.DAYS));
            }
            if (i % 3 == 2) {
                data.interaction(tenant, id, "email", "inbound", null, NOW.minus(i + 1L, ChronoUnit.DAYS));
            }
        }
        return ids;
    }

    /** Per key: the stored score, the contact's copy and version, and its scoring events in order. */
    private Map<String, String> outcome(String tenant, Map<String, String> ids, long after) {
        Map<String, String> out = new TreeMap<>();
        ids.forEach((key, id) -> {
            String score = query(tenant, """
                    select concat_ws('|', s.value, s.notified_value, s.rule_points, s.factors::text, s.decays, s.computed_at,
                                     c.lead_score, c.version)
                    from contact_score s join contact c on c.tenant_id = s.tenant_id and c.id = s.contact_id
                    where s.tenant_id = ? and s.contact_id = cast(? as uuid)
                    """, tenant, id).getFirst();
            List<String> events = query(tenant, """
                    select type || ' ' || payload::text from event_log
                    where tenant_id = ? and entity_id = cast(? as uuid) and seq > cast(? as bigint) order by seq
                    """, tenant, id, Long.toString(after));
            out.put(key, score + "|" + events);
        });
        return out;
    }

    private long lastEvent(String tenant) {
        return Long.parseLong(query(tenant, "select coalesce(max(seq), 0)::text from event_log where tenant_id = ?", tenant)
                .getFirst());
    }

    private <T> void inTenant(String tenant, Callable<T> work) {
        var context = Arc.container().requestContext();
        context.activate();
        try {
            TenantContext.callAs(tenant, () -> QuarkusTransaction.requiringNew().call(work));
        } finally {
            context.terminate();
        }
    }

    private List<String> query(String tenant, String sql, String... params) {
        return TenantContext.callAs(tenant, () -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setString(i + 1, params[i]);
                }
                List<String> rows = new ArrayList<>();
                try (ResultSet r = ps.executeQuery()) {
                    while (r.next()) {
                        rows.add(r.getString(1));
                    }
                }
                return rows;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
