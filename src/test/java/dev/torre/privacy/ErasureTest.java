package dev.torre.privacy;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.torre.platform.tenancy.TenantContext;
import dev.torre.testing.Bodies;
import dev.torre.testing.Seed;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Erasure: a contact seeded with a unique name, email and phone in every table that can hold
 * them is erased, and then no text or JSON column of any table of the schema — tables other
 * capabilities add included, since they are read from the catalogue — holds any of them, but
 * for another person's own row that mentions them, which erasure leaves alone.
 */
@QuarkusTest
class ErasureTest {

    @Inject
    DataSource dataSource;

    private final String tenant = newTenant();

    @Test
    void anErasedContactIsFoundNowhereInTheSchema() throws SQLException {
        String tag = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);
        String first = "Zorione" + tag;
        String last = "Quibdo" + tag;
        String email = "erase-" + tag + "@example.org";
        String phone = "+3461" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
        String id = admin(tenant).header("Idempotency-Key", "seed-" + tag)
                .body(Map.of("firstName", first, "lastName", last, "email", email, "phone", phone, "externalId", "ext-" + tag,
                        "properties", Map.of("nickname", first + " the Great")))
                .when().post("/v1/contacts").then().statusCode(201).extract().path("id");
        admin(tenant).body(Map.of("properties", Map.of("nickname", last))).when().patch("/v1/contacts/" + id).then().statusCode(200);
        String bystander = Seed.contact(tenant, Bodies.contact().firstName("Bea").email("bea-" + tag + "@example.org")
                .properties(Map.of("friend", email)).build());
        admin(tenant).body(Map.of("purpose", "marketing", "channel", "email", "status", "granted", "lawfulBasis", "consent",
                "source", "web_form", "proof", Map.of("ip", "198.51.100.23", "userAgent", "Agent " + first, "wordingVersion", "v1")))
                .when().post("/v1/contacts/" + id + "/consents").then().statusCode(201);
        String portal = admin(tenant).when().post("/v1/contacts/" + id + "/portal-tokens").then().extract().path("token");
        as(portal).header("User-Agent", "Browser of " + last).body(List.of(Map.of("purpose", "analytics", "channel", "all", "status", "denied")))
                .when().post("/v1/me/preferences").then().statusCode(200);
        interaction(id, "Hola " + first + " " + last + ", tu teléfono " + phone, email, "Re: pedido de " + last);
        String access = admin(tenant).body(Map.of("type", "access", "contactId", id)).when().post("/v1/privacy/requests")
                .then().statusCode(202).extract().path("id");
        List<String> personal = List.of(first, last, email, phone, "198.51.100.23", "ext-" + tag);
        assertTrue(findings(personal).size() >= 8, "the seed reached many tables: " + findings(personal));

        admin(tenant).body(Map.of("type", "erasure", "contactId", id)).when().post("/v1/privacy/requests")
                .then().statusCode(202).body("state", equalTo("completed")).body("progress", equalTo(100));

        // but for the bystander's own row and the event of its creation, which mention the email
        assertEquals(List.of("contact.properties holds " + email, "event_log.payload holds " + email), findings(personal));
        // what is not personal stays: the record, its stage and consent decisions, the interaction, the events, the bystander
        admin(tenant).when().get("/v1/contacts/" + id).then().statusCode(200).body("lifecycleStage", equalTo("lead"))
                .body("archivedAt", notNullValue());
        admin(tenant).when().get("/v1/contacts/" + id + "/consents/history").then().body("data", hasSize(2))
                .body("data.find { it.purpose == 'marketing' }.status", equalTo("granted"));
        assertEquals(1L, count("select count(*) from interaction where contact_id = '" + id + "'"));
        // another person's row is theirs: it is not rewritten, even where it mentions the erased one
        admin(tenant).when().get("/v1/contacts/" + bystander).then().body("email", equalTo("bea-" + tag + "@example.org"))
                .body("properties.friend", equalTo(email));
        admin(tenant).queryParam("types", "contact.erased").when().get("/v1/events").then().body("data", hasSize(1))
                .body("data[0].entityId", equalTo(id));
        admin(tenant).when().get("/v1/privacy/requests/" + access + "/export").then().spec(problem(409));
    }

    @Test
    void anAccessRequestExportsEverythingAboutTheContact() {
        String id = Seed.contact(tenant, Bodies.contact().firstName("Iria").email("iria@example.org").build());
        interaction(id, "Body", "iria@example.org", "Subject");
        admin(tenant).body(Map.of("purpose", "profiling", "channel", "all", "status", "denied", "lawfulBasis", "consent",
                "source", "api")).when().post("/v1/contacts/" + id + "/consents").then().statusCode(201);
        String request = as(Tokens.of(tenant, "legal", null)).body(Map.of("type", "access", "contactId", id))
                .when().post("/v1/privacy/requests").then().statusCode(202)
                .header("Location", notNullValue())
                .body("type", equalTo("access")).body("state", equalTo("completed"))
                .body("exportUrl", endsWith("/export"))
                .extract().path("id");
        admin(tenant).when().get("/v1/privacy/requests/" + request).then().statusCode(200).body("state", equalTo("completed"));
        admin(tenant).when().get("/v1/privacy/requests/" + request + "/export").then().statusCode(200)
                .body("profile.email", equalTo("iria@example.org"))
                .body("consentHistory", hasSize(1))
                .body("records.interaction", hasSize(1))
                .body("records.interaction[0].subject", equalTo("Subject"))
                .body("events.find { it.type == 'contact.created' }.entityId", equalTo(id));
    }

    @Test
    void onlyAdminAndLegalDownloadAnExportByDefault() {
        String id = Seed.contact(tenant, Bodies.contact().firstName("Olga").email("olga@example.org").build());
        String request = admin(tenant).body(Map.of("type", "access", "contactId", id)).when().post("/v1/privacy/requests")
                .then().statusCode(202).extract().path("id");
        for (String role : List.of("readonly", "sales", "service", "marketing")) {
            as(Tokens.of(tenant, role, null)).when().get("/v1/privacy/requests/" + request + "/export").then().spec(problem(403));
        }
        as(Tokens.readonly(tenant)).when().get("/v1/privacy/requests/" + request).then().statusCode(200);
        as(Tokens.of(tenant, "legal", null)).when().get("/v1/privacy/requests/" + request + "/export").then().statusCode(200)
                .body("profile.email", equalTo("olga@example.org"));
        admin(tenant).when().get("/v1/privacy/requests/" + request + "/export").then().statusCode(200);
        // a partner token needs the export scope itself: reading privacy requests is not enough
        as(Tokens.of(tenant, "legal", "privacy:read")).when().get("/v1/privacy/requests/" + request + "/export").then().spec(problem(403));
        as(Tokens.of(tenant, "legal", "privacy:export")).when().get("/v1/privacy/requests/" + request + "/export").then().statusCode(200);
    }

    @Test
    void badRequestsAreRefusedAndChangeNothing() {
        String id = Seed.contact(tenant, Bodies.contact().firstName("Keep").email("keep@example.org").build());
        admin(tenant).body(Map.of("type", "erasure", "contactId", UUID.randomUUID().toString())).when().post("/v1/privacy/requests")
                .then().spec(problem(404));
        String foreign = Seed.contact(newTenant(), "Ajeno", "Otro");
        admin(tenant).body(Map.of("type", "erasure", "contactId", foreign)).when().post("/v1/privacy/requests").then().spec(problem(404));
        admin(tenant).body(Map.of("type", "forget", "contactId", id)).when().post("/v1/privacy/requests").then().spec(problem(400))
                .body("errors[0].field", equalTo("type"));
        admin(tenant).body(Map.of("type", "erasure")).when().post("/v1/privacy/requests").then().spec(problem(400));
        admin(tenant).body(Map.of("type", "erasure", "contactId", "nope")).when().post("/v1/privacy/requests").then().spec(problem(400));
        as(Tokens.of(tenant, "sales", null)).body(Map.of("type", "erasure", "contactId", id)).when().post("/v1/privacy/requests")
                .then().spec(problem(403));
        as(Tokens.readonly(tenant)).body(Map.of("type", "access", "contactId", id)).when().post("/v1/privacy/requests")
                .then().spec(problem(403));
        admin(tenant).when().get("/v1/privacy/requests/" + UUID.randomUUID()).then().spec(problem(404));
        admin(tenant).when().get("/v1/contacts/" + id).then().body("email", equalTo("keep@example.org"));
        admin(tenant).queryParam("types", "privacy_request.*").when().get("/v1/events").then().body("data", hasSize(0));
    }

    /** The interaction table belongs to the service capability; its API is not on this branch, so the row is written directly. */
    private void interaction(String contactId, String body, String address, String subject) {
        TenantContext.callAs(tenant, () -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement("""
                    insert into interaction (tenant_id, id, type, direction, occurred_at, purpose, subject, body, to_address,
                        contact_id, properties, version, created_at, updated_at)
                    values (?, gen_random_uuid(), 'email', 'outbound', now(), 'marketing', ?, ?, ?, cast(? as uuid), '{}', 0, now(), now())
                    """)) {
                insert.setString(1, tenant);
                insert.setString(2, subject);
                insert.setString(3, body);
                insert.setString(4, address);
                insert.setString(5, contactId);
                return insert.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private long count(String sql) {
        return TenantContext.callAs(tenant, () -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql); ResultSet r = q.executeQuery()) {
                r.next();
                return r.getLong(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Every table.column (text, character, JSON or text array, from the catalogue) in which any of the values occurs. */
    private List<String> findings(List<String> values) {
        return TenantContext.callAs(tenant, () -> {
            List<String> found = new ArrayList<>();
            try (Connection c = dataSource.getConnection()) {
                List<String[]> columns = new ArrayList<>();
                try (PreparedStatement q = c.prepareStatement("""
                        select table_name, column_name from information_schema.columns
                        where table_schema = current_schema()
                          and (data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'tsvector')
                               or (data_type = 'ARRAY'))
                        order by table_name, column_name
                        """); ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        columns.add(new String[] { r.getString(1), r.getString(2) });
                    }
                }
                for (String[] column : columns) {
                    for (String value : values) {
                        String sql = "select count(*) from \"" + column[0] + "\" where cast(\"" + column[1] + "\" as text) ilike ?";
                        try (PreparedStatement q = c.prepareStatement(sql)) {
                            q.setString(1, "%" + value + "%");
                            try (ResultSet r = q.executeQuery()) {
                                r.next();
                                if (r.getLong(1) > 0) {
                                    found.add(column[0] + "." + column[1] + " holds " + value);
                                }
                            }
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return found;
        });
    }
}
