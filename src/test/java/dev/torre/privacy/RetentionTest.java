package dev.torre.privacy;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.torre.platform.tenancy.TenantContext;
import dev.torre.testing.Bodies;
import dev.torre.testing.Seed;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** Retention rules: applied in bounded batches on demand and by the scheduled job, recorded as events. */
@QuarkusTest
class RetentionTest {

    @Inject
    DataSource dataSource;

    @Inject
    RetentionJob job;

    private final String tenant = newTenant();

    @Test
    void oldInteractionsOfATypeAreDeleted() {
        String contact = Seed.contact(tenant, "Web", "Visitor");
        interaction(contact, "web_visit", 200);
        interaction(contact, "web_visit", 181);
        interaction(contact, "web_visit", 10);
        interaction(contact, "email", 400);
        admin(tenant).body(Map.of("action", "delete_interactions", "interactionType", "web_visit", "olderThanDays", 180))
                .when().post("/v1/retention-policies").then().statusCode(201);
        admin(tenant).when().post("/v1/retention-policies/apply").then().statusCode(200);
        assertEquals(2L, update("select count(*) from interaction"));
        assertEquals(1L, update("select count(*) from interaction where type = 'web_visit'"));
        admin(tenant).queryParam("types", "retention.applied").when().get("/v1/events").then()
                .body("data", hasSize(1)).body("data[0].payload.count", equalTo(2));
    }

    @Test
    void deletedInteractionsLeaveNoContentInEventsStoredAnswersOrExports() {
        String contact = Seed.contact(tenant, Bodies.contact().firstName("Rosa").email("rosa@example.org").build());
        String old = java.time.Instant.now().minus(java.time.Duration.ofDays(400)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        Map<String, Object> message = Map.of("type", "email", "direction", "inbound", "occurredAt", old, "subject", "Resultado de la biopsia",
                "body", "El cuerpo confidencial del mensaje", "fromAddress", "rosa.private@example.org", "contactId", contact);
        String id = admin(tenant).header("Idempotency-Key", "old-mail").body(message).when().post("/v1/interactions").then()
                .statusCode(201).extract().path("id");
        admin(tenant).body(Map.of("subject", "Resultado de la biopsia (2)")).when().patch("/v1/interactions/" + id).then().statusCode(200);
        admin(tenant).when().get("/v1/events").then().body(containsString("biopsia"));
        admin(tenant).body(Map.of("action", "delete_interactions", "olderThanDays", 180)).when().post("/v1/retention-policies")
                .then().statusCode(201);

        admin(tenant).when().post("/v1/retention-policies/apply").then().statusCode(200);

        admin(tenant).when().get("/v1/interactions/" + id).then().spec(problem(404));
        admin(tenant).queryParam("limit", 200).when().get("/v1/events").then().statusCode(200)
                .body(not(containsString("biopsia"))).body(not(containsString("confidencial"))).body(not(containsString("rosa.private")));
        assertEquals(0L, update("select count(*) from event_log where cast(payload as text) like '%biopsia%'"));
        assertEquals(0L, update("select count(*) from idempotency_key where body like '%biopsia%'"));
        String request = admin(tenant).body(Map.of("type", "access", "contactId", contact)).when().post("/v1/privacy/requests")
                .then().statusCode(202).extract().path("id");
        admin(tenant).when().get("/v1/privacy/requests/" + request + "/export").then().statusCode(200)
                .body(not(containsString("biopsia"))).body(not(containsString("rosa.private"))).body("profile.email", equalTo("rosa@example.org"));
    }

    @Test
    void theScheduledJobAnonymisesContactsArchivedLongAgo() {
        String old = Seed.contact(tenant, Bodies.contact().firstName("Vieja").email("old@example.org").build());
        String recent = Seed.contact(tenant, Bodies.contact().firstName("Reciente").email("recent@example.org").build());
        admin(tenant).when().delete("/v1/contacts/" + old).then().statusCode(204);
        admin(tenant).when().delete("/v1/contacts/" + recent).then().statusCode(204);
        update("update contact set archived_at = now() - interval '800 days' where id = '" + old + "'");
        admin(tenant).body(Map.of("action", "anonymise_archived_contacts", "olderThanDays", 730))
                .when().post("/v1/retention-policies").then().statusCode(201);

        job.run();

        admin(tenant).when().get("/v1/contacts/" + old).then().body("email", nullValue()).body("firstName", nullValue());
        admin(tenant).when().get("/v1/contacts/" + recent).then().body("email", equalTo("recent@example.org"));
        admin(tenant).queryParam("types", "contact.erased").when().get("/v1/events").then().body("data", hasSize(1));
        job.run();
        admin(tenant).queryParam("types", "retention.applied").when().get("/v1/events").then().body("data", hasSize(1));
    }

    @Test
    void badRulesAreRefused() {
        admin(tenant).body(Map.of("action", "shred", "olderThanDays", 10)).when().post("/v1/retention-policies").then().spec(problem(400))
                .body("errors[0].field", equalTo("action"));
        admin(tenant).body(Map.of("action", "anonymise_archived_contacts", "interactionType", "email", "olderThanDays", 10))
                .when().post("/v1/retention-policies").then().spec(problem(400));
        admin(tenant).body(Map.of("action", "delete_interactions", "olderThanDays", 0)).when().post("/v1/retention-policies")
                .then().spec(problem(400));
        as(Tokens.of(tenant, "sales", null)).body(Map.of("action", "delete_interactions", "olderThanDays", 10))
                .when().post("/v1/retention-policies").then().spec(problem(403));
        admin(tenant).when().delete("/v1/retention-policies/" + UUID.randomUUID()).then().spec(problem(404));
        admin(tenant).when().get("/v1/retention-policies").then().statusCode(200).body("data", hasSize(0));
    }

    private void interaction(String contactId, String type, int daysAgo) {
        update("insert into interaction (tenant_id, id, type, direction, occurred_at, contact_id, properties, version, created_at, updated_at)"
                + " values ('" + tenant + "', gen_random_uuid(), '" + type + "', 'inbound', now() - interval '" + daysAgo + " days', '"
                + contactId + "', '{}', 0, now(), now())");
    }

    private long update(String sql) {
        return TenantContext.callAs(tenant, () -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
                if (q.execute()) {
                    try (ResultSet r = q.getResultSet()) {
                        r.next();
                        return r.getLong(1);
                    }
                }
                return (long) q.getUpdateCount();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
