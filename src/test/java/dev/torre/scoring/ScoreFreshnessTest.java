package dev.torre.scoring;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.torre.platform.persistence.Sql;
import dev.torre.testing.Drain;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.testing.Seed;
import dev.torre.testing.TestTime;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Orders, deals, tickets and interactions written through their APIs reach the scores of their contacts through
 * the event log (and of no one else); paid orders and won deals count as conversions for the lead model.
 */
@QuarkusTest
class ScoreFreshnessTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    @Inject
    ScoringWorker worker;

    @Inject
    EntityManager em;

    @Inject
    DataSource dataSource;

    private final String tenant = newTenant();

    @AfterEach
    void realTime() {
        TestTime.reset();
    }

    @Test
    void eachCapabilitysWriteRescoresOnlyItsContacts() {
        String ana = Seed.contactWithEmail(tenant, "ana@acme.es");
        String bob = Seed.contactWithEmail(tenant, "bob@acme.es");
        String eve = Seed.contactWithEmail(tenant, "eve@acme.es");
        drain(T0);

        admin(tenant).body(Map.of("sku", "MUG", "name", "Mug", "price", "8", "currency", "EUR")).when().post("/v1/products")
                .then().statusCode(201);
        admin(tenant).body(Map.of("contactId", ana, "status", "paid", "currency", "EUR",
                "lines", List.of(Map.of("sku", "MUG", "quantity", 1)))).when().post("/v1/orders").then().statusCode(201);
        Instant t1 = T0.plus(1, ChronoUnit.MINUTES);
        drain(t1);
        assertComputedAt(ana, t1);
        assertComputedAt(bob, T0);

        // a deal reaches its primary contact and the other contacts on it
        admin(tenant).body(Map.of("name", "Big one", "contactId", bob, "contacts", List.of(Map.of("contactId", eve))))
                .when().post("/v1/deals").then().statusCode(201);
        Instant t2 = t1.plus(1, ChronoUnit.MINUTES);
        drain(t2);
        assertComputedAt(bob, t2);
        assertComputedAt(eve, t2);
        assertComputedAt(ana, t1);

        admin(tenant).body(Map.of("subject", "Broken mug", "contactId", ana)).when().post("/v1/tickets").then().statusCode(201);
        Instant t3 = t2.plus(1, ChronoUnit.MINUTES);
        drain(t3);
        assertComputedAt(ana, t3);
        assertComputedAt(bob, t2);

        new ScoringData(dataSource).interaction(tenant, eve, "web_visit", "inbound", "https://acme.example/pricing", t3);
        Instant t4 = t3.plus(1, ChronoUnit.MINUTES);
        drain(t4);
        assertComputedAt(eve, t4);
        assertComputedAt(ana, t3);
        admin(tenant).when().get("/v1/contacts/" + eve + "/score").then().body("factors[0].name", equalTo("Visited the pricing page"));
    }

    @Test
    void paidOrdersAndWonDealsAreConversionsForTheLeadModel() {
        String buyer = Seed.contactWithEmail(tenant, "buyer@acme.es");
        String winner = Seed.contactWithEmail(tenant, "winner@acme.es");
        String pending = Seed.contactWithEmail(tenant, "pending@acme.es");
        String idle = Seed.contactWithEmail(tenant, "idle@acme.es");
        admin(tenant).body(Map.of("sku", "MUG", "name", "Mug", "price", "8", "currency", "EUR")).when().post("/v1/products")
                .then().statusCode(201);
        admin(tenant).body(Map.of("contactId", buyer, "status", "paid", "currency", "EUR",
                "lines", List.of(Map.of("sku", "MUG", "quantity", 1)))).when().post("/v1/orders").then().statusCode(201);
        admin(tenant).body(Map.of("contactId", pending, "currency", "EUR",
                "lines", List.of(Map.of("sku", "MUG", "quantity", 1)))).when().post("/v1/orders").then().statusCode(201);
        admin(tenant).body(Map.of("name", "Won one", "contactId", winner, "stageId", stage("won"))).when().post("/v1/deals")
                .then().statusCode(201);

        // the window has passed for everyone: positives are the buyer and the winner, the rest are negatives
        Map<UUID, Boolean> labels = TenantContext.callAs(tenant, () -> QuarkusTransaction.requiringNew().call(() -> Sql.query(em,
                Features.concat(SqlFragment.of("select contact_id, label from ("),
                        TrainingSet.examples(tenant, 30, Instant.now().plus(31, ChronoUnit.DAYS)),
                        SqlFragment.of(") x")),
                r -> Map.entry(Sql.uuid(r, 1), r.getBoolean(2))))).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertEquals(Map.of(UUID.fromString(buyer), true, UUID.fromString(winner), true, UUID.fromString(pending), false,
                UUID.fromString(idle), false), labels);
    }

    @Test
    void salesAndServiceFeaturesCountOnlyWhatHappenedBeforeTheObservation() {
        TestTime.set("2026-03-01T10:00:00Z");
        String ana = Seed.contactWithEmail(tenant, "ana@acme.es");
        admin(tenant).body(Map.of("sku", "MUG", "name", "Mug", "price", "8", "currency", "EUR")).when().post("/v1/products")
                .then().statusCode(201);
        admin(tenant).body(Map.of("contactId", ana, "status", "paid", "currency", "EUR",
                "lines", List.of(Map.of("sku", "MUG", "quantity", 1)))).when().post("/v1/orders").then().statusCode(201);
        admin(tenant).body(Map.of("name", "Won one", "contactId", ana, "stageId", stage("won"))).when().post("/v1/deals")
                .then().statusCode(201);
        admin(tenant).body(Map.of("name", "Lost one", "contacts", List.of(Map.of("contactId", ana)), "stageId", stage("lost"),
                "lostReason", "price"))
                .when().post("/v1/deals").then().statusCode(201);
        admin(tenant).body(Map.of("subject", "Still open", "contactId", ana)).when().post("/v1/tickets").then().statusCode(201);
        String solved = admin(tenant).body(Map.of("subject", "Solved", "status", "resolved", "contactId", ana))
                .when().post("/v1/tickets").then().statusCode(201).extract().path("id");
        admin(tenant).body(Map.of("score", 5)).when().post("/v1/tickets/{id}/csat", solved).then().statusCode(200);
        TestTime.reset();

        Map<String, Double> later = features(ana, Instant.parse("2026-03-11T10:00:00Z"));
        assertEquals(Math.log(2), later.get("paid orders"), 1e-9);
        assertEquals(Math.exp(-10 / 90.0), later.get("order recency"), 1e-9);
        assertEquals(Math.log(2), later.get("deals won"), 1e-9);
        assertEquals(Math.log(2), later.get("deals lost"), 1e-9);
        assertEquals(Math.log(2), later.get("open tickets"), 1e-9);
        assertEquals(2.0, later.get("average CSAT"), 1e-9);
        assertEquals(Map.of(), features(ana, Instant.parse("2026-03-01T09:00:00Z")), "nothing had happened yet");
    }

    private String stage(String kind) {
        List<Map<String, String>> stages = admin(tenant).when().get("/v1/pipelines").then().statusCode(200)
                .extract().path("data[0].stages");
        return stages.stream().filter(s -> kind.equals(s.get("kind"))).findFirst().orElseThrow().get("id");
    }

    private Map<String, Double> features(String contact, Instant asOf) {
        return TenantContext.callAs(tenant, () -> QuarkusTransaction.requiringNew().call(() -> Sql.query(em,
                Features.concat(SqlFragment.of("with obs(id, contact_id, as_of) as (values (cast(? as uuid), cast(? as uuid), cast(? as timestamptz)))\n",
                        UUID.fromString(contact), UUID.fromString(contact), asOf), SqlFragment.of("select feature, value from (\n"),
                        Features.pieces(tenant), SqlFragment.of(") f(id, feature, value)")),
                r -> Map.entry(r.getString(1), r.getDouble(2))))).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private void drain(Instant now) {
        Drain.untilIdle(() -> worker.catchUp(tenant, now) + worker.rescoreStep(tenant, now, 1000));
    }

    private void assertComputedAt(String contact, Instant at) {
        admin(tenant).when().get("/v1/contacts/" + contact + "/score").then().statusCode(200)
                .body("computedAt", equalTo(at.toString()));
    }
}
