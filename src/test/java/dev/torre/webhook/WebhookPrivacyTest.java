package dev.torre.webhook;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.torre.platform.tenancy.TenantContext;
import dev.torre.testing.Seed;
import dev.torre.testing.TestTime;
import io.quarkus.test.junit.QuarkusTest;

/** The copies of events that deliveries keep are personal data too: erasure reaches them, and retention purges old ones. */
@QuarkusTest
class WebhookPrivacyTest {

    @Inject
    DeliveryWorker worker;

    @Inject
    DeliveryRetention retention;

    @Inject
    DataSource dataSource;

    private final List<Receiver> receivers = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        TestTime.reset();
        receivers.forEach(Receiver::close);
    }

    private String subscribe(String tenant) {
        Receiver receiver = Receiver.start();
        receivers.add(receiver);
        return admin(tenant).body(Map.of("url", receiver.url(), "eventTypes", List.of("contact.*"))).when().post("/v1/webhooks")
                .then().statusCode(201).extract().path("id");
    }

    private List<String> bodies(String tenant) {
        return TenantContext.callAs(tenant, () -> {
            try (var c = dataSource.getConnection(); var ps = c.prepareStatement(
                    "select cast(body as text) from webhook_delivery where tenant_id = ? order by position")) {
                ps.setString(1, tenant);
                List<String> found = new ArrayList<>();
                try (var rows = ps.executeQuery()) {
                    while (rows.next()) {
                        found.add(rows.getString(1));
                    }
                }
                return found;
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void erasingAContactScrubsTheDeliveriesAboutIt() {
        String tenant = newTenant();
        subscribe(tenant);
        String erased = Seed.contact(tenant, "{\"firstName\":\"Lucía\",\"lastName\":\"Olmedo\",\"email\":\"lucia.olmedo@example.com\"}");
        String bystander = Seed.contact(tenant, "{\"firstName\":\"Pedro\",\"lastName\":\"Sanz\",\"email\":\"pedro.sanz@example.com\"}");
        worker.claimOnly(tenant); // queued (and held) but not yet sent
        List<String> before = bodies(tenant);
        assertEquals(2, before.size());
        assertTrue(before.get(0).contains("lucia.olmedo@example.com"), before.get(0));

        admin(tenant).body(Map.of("type", "erasure", "contactId", erased)).when().post("/v1/privacy/requests")
                .then().statusCode(202).body("state", equalTo("completed"));

        List<String> after = bodies(tenant);
        assertFalse(after.stream().anyMatch(b -> b.contains("Olmedo") || b.contains("lucia.olmedo")), "erased: " + after);
        assertTrue(after.get(0).contains("\"erased\": true") && after.get(0).contains("contact.created"), after.get(0));
        assertTrue(after.get(1).contains("pedro.sanz@example.com"), "someone else's delivery stays: " + after.get(1));
        assertTrue(bystander != null);
    }

    @Test
    void retentionPurgesTheContentOfOldFinishedDeliveries() {
        String tenant = newTenant();
        String hook = subscribe(tenant);
        Seed.contact(tenant, "{\"firstName\":\"Marta\",\"lastName\":\"Vidal\",\"email\":\"marta.vidal@example.com\"}");
        assertEquals(1, worker.pass(tenant));
        String delivery = admin(tenant).when().get("/v1/webhooks/" + hook + "/deliveries").then().statusCode(200)
                .body("data[0].status", equalTo("delivered")).extract().path("data[0].id");

        assertEquals(0, (int) TenantContext.callAs(tenant, retention::purge), "a fresh delivery keeps its content");
        assertTrue(bodies(tenant).get(0).contains("marta.vidal@example.com"));

        TestTime.set(Instant.now().plus(Duration.ofDays(31)).toString());
        assertEquals(1, (int) TenantContext.callAs(tenant, retention::purge));
        String purged = bodies(tenant).get(0);
        assertFalse(purged.contains("marta.vidal") || purged.contains("Vidal"), purged);
        assertTrue(purged.contains("\"purged\": true") && purged.contains("contact.created"), purged);
        assertEquals(0, (int) TenantContext.callAs(tenant, retention::purge), "purged once");
        // the outcome stays listed; its content cannot be sent again, replay rebuilds it from the log
        admin(tenant).when().get("/v1/webhooks/" + hook + "/deliveries").then().statusCode(200).body("data[0].status", equalTo("delivered"));
        admin(tenant).when().post("/v1/webhooks/" + hook + "/deliveries/" + delivery + "/retry").then().statusCode(409)
                .body("type", equalTo("/problems/conflict"));
    }

    @Test
    void rowRetentionDeletesFinishedDeliveriesAndLeavesPendingOnes() {
        String tenant = newTenant();
        String hook = subscribe(tenant);
        Seed.contact(tenant, "{\"firstName\":\"Sent\"}");
        assertEquals(1, worker.pass(tenant));
        Seed.contact(tenant, "{\"firstName\":\"Queued\"}");
        worker.claimOnly(tenant); // pending (held), not sent
        assertEquals(2, bodies(tenant).size());

        TestTime.set(Instant.now().plus(Duration.ofDays(89)).toString());
        assertEquals(0, (int) TenantContext.callAs(tenant, retention::deleteOld), "within the row retention (P90D)");
        TestTime.set(Instant.now().plus(Duration.ofDays(91)).toString());
        assertEquals(1, (int) TenantContext.callAs(tenant, retention::deleteOld));
        assertEquals(0, (int) TenantContext.callAs(tenant, retention::deleteOld), "deleted once");
        admin(tenant).when().get("/v1/webhooks/" + hook + "/deliveries").then().statusCode(200)
                .body("data", org.hamcrest.Matchers.hasSize(1)).body("data[0].status", equalTo("pending"));
    }
}
