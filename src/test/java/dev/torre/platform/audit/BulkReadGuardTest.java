package dev.torre.platform.audit;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.torre.testing.GraphQL;
import dev.torre.testing.Seed;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;

/** The bulk-read guard: records per actor per sliding hour, a stricter threshold outside working hours, blocks and lifts. */
@QuarkusTest
class BulkReadGuardTest {

    private final String tenant = newTenant();
    private String contact;

    private String reader(String subject) {
        return Tokens.sign(Jwt.issuer("torre-dev").subject(subject).groups(Set.of("sales")).claim("tid", tenant));
    }

    @BeforeEach
    void contactsAndAStrictPolicy() {
        for (int i = 0; i < 5; i++) {
            contact = Seed.contact(tenant, "Ana" + i, "Lee");
        }
        // no working days: the stricter threshold (3 records an hour) is in force whatever the time
        admin(tenant).body(Map.of("perHour", 100, "perHourOutsideWorkingHours", 3, "workingDays", List.of(),
                "workStart", "08:00", "workEnd", "20:00", "timeZone", "Europe/Madrid"))
                .when().put("/v1/security/bulk-read-policy").then().statusCode(200);
    }

    @Test
    void anActorPastTheThresholdIsBlockedUntilAnAdminLiftsIt() {
        String reader = reader("reader-1");
        as(reader).queryParam("limit", 2).when().get("/v1/contacts").then().statusCode(200).body("data", hasSize(2));
        // this page takes the hour's total to 4, past 3: it is answered, and the actor is blocked from now on
        as(reader).queryParam("limit", 2).when().get("/v1/contacts").then().statusCode(200);
        as(reader).queryParam("limit", 2).when().get("/v1/contacts").then().spec(problem(429))
                .body("type", equalTo("/problems/bulk-read-blocked")).header("Retry-After", notNullValue());
        as(reader).body(Map.of("filter", "lastName eq \"Lee\"")).when().post("/v1/contacts/search").then().spec(problem(429));
        GraphQL.as(reader, "query { contacts { edges { node { id } } } }").body("errors[0].extensions.code", equalTo("BULK_READ_BLOCKED"))
                .body("data.contacts", equalTo(null));
        // single reads are not bulk reads, and other actors are not affected
        as(reader).when().get("/v1/contacts/" + contact).then().statusCode(200);
        as(reader("reader-2")).queryParam("limit", 1).when().get("/v1/contacts").then().statusCode(200);

        admin(tenant).queryParam("types", "security.bulk_read_blocked").when().get("/v1/events").then()
                .body("data", hasSize(1)).body("data[0].payload.actor", equalTo("reader-1"))
                .body("data[0].payload.threshold", equalTo(3));
        admin(tenant).when().get("/v1/security/blocks").then().statusCode(200).body("data.actor", equalTo(List.of("reader-1")));

        as(reader("reader-2")).when().post("/v1/security/blocks/reader-1/lift").then().spec(problem(403));
        admin(tenant).when().post("/v1/security/blocks/nobody/lift").then().spec(problem(404));
        admin(tenant).when().post("/v1/security/blocks/reader-1/lift").then().statusCode(200);
        as(reader).queryParam("limit", 2).when().get("/v1/contacts").then().statusCode(200);
        admin(tenant).queryParam("types", "security.block_lifted").when().get("/v1/events").then().body("data", hasSize(1));
    }

    /** A contact whose 360° view reads three pages, in this order: open tickets, recent interactions, open tasks. */
    private String contactWithPages(int tickets, int interactions, int tasks) {
        String id = Seed.contact(tenant, "Vera", "Lee");
        for (int i = 0; i < tickets; i++) {
            admin(tenant).body(Map.of("subject", "T" + i, "contactId", id)).when().post("/v1/tickets").then().statusCode(201);
        }
        for (int i = 0; i < interactions; i++) {
            admin(tenant).body(Map.of("type", "note", "direction", "internal", "subject", "N" + i, "contactId", id,
                            "occurredAt", "2026-02-0" + (i + 1) + "T10:00:00Z"))
                    .when().post("/v1/interactions").then().statusCode(201);
        }
        for (int i = 0; i < tasks; i++) {
            admin(tenant).body(Map.of("title", "Call " + i, "contactId", id)).when().post("/v1/tasks").then().statusCode(201);
        }
        return id;
    }

    /** The bulk reads kept for an actor (the audit also lists the actor's other entries, such as its block). */
    private io.restassured.response.ValidatableResponse auditOf(String actor) {
        return as(Tokens.of(tenant, "legal", null)).queryParam("actor", actor).when().get("/v1/audit").then().statusCode(200)
                .rootPath("data.findAll { it.kind == 'bulk_read' }");
    }

    /**
     * The view's pages are kept together when it is read, yet count as they would page by page: the page that passes
     * the threshold is kept and blocks the reader, and the view, having no page left, is answered.
     */
    @Test
    void aViewWhoseLastPagePassesTheThresholdIsAnsweredAndBlocksTheNextOne() {
        String viewed = contactWithPages(1, 1, 2);
        String reader = reader("viewer-1");
        as(reader).when().get("/v1/contacts/{id}/overview", viewed).then().statusCode(200)
                .body("withheld", hasSize(0)).body("openTasks", hasSize(2));
        auditOf("viewer-1").body("entityType", containsInAnyOrder("ticket", "interaction", "task"))
                .body("recordCount", containsInAnyOrder(1, 1, 2));
        admin(tenant).when().get("/v1/security/blocks").then().body("data.actor", equalTo(List.of("viewer-1")));
        as(reader).when().get("/v1/contacts/{id}/overview", viewed).then().spec(problem(429))
                .body("type", equalTo("/problems/bulk-read-blocked"));
        auditOf("viewer-1").body("size()", equalTo(3));
    }

    /**
     * A page after the one that passes the threshold is refused as it would have been page by page: not kept, and the
     * view refused with it, while the pages before it stay kept.
     */
    @Test
    void aViewWithAPageLeftAfterTheThresholdIsRefusedAndThatPageIsNotKept() {
        String viewed = contactWithPages(2, 2, 1);
        as(reader("viewer-2")).when().get("/v1/contacts/{id}/overview", viewed).then().spec(problem(429))
                .body("type", equalTo("/problems/bulk-read-blocked"));
        auditOf("viewer-2").body("entityType", containsInAnyOrder("ticket", "interaction"))
                .body("recordCount", containsInAnyOrder(2, 2));
        admin(tenant).when().get("/v1/security/blocks").then().body("data.actor", equalTo(List.of("viewer-2")));
        // a reader under the threshold has every page kept, and is not blocked
        String small = contactWithPages(1, 1, 0);
        as(reader("viewer-3")).when().get("/v1/contacts/{id}/overview", small).then().statusCode(200);
        auditOf("viewer-3").body("recordCount", containsInAnyOrder(1, 1, 0));
        admin(tenant).when().get("/v1/security/blocks").then().body("data.actor", equalTo(List.of("viewer-2")));
    }

    @Test
    void bulkReadsAreAuditedWithActorIpAndCount() {
        as(reader("auditee")).queryParam("limit", 2).when().get("/v1/contacts").then().statusCode(200);
        as(Tokens.of(tenant, "legal", null)).queryParam("actor", "auditee").when().get("/v1/audit").then().statusCode(200)
                .body("data", hasSize(1))
                .body("data[0].kind", equalTo("bulk_read"))
                .body("data[0].recordCount", equalTo(2))
                .body("data[0].entityType", equalTo("contact"))
                .body("data[0].clientIp", notNullValue());
        admin(tenant).queryParam("entityType", "contact").queryParam("entityId", contact).when().get("/v1/audit").then()
                .statusCode(200).body("data.type", equalTo(List.of("contact.created"))).body("data.actor", everyItem(equalTo("tester")));
        admin(tenant).queryParam("from", "2000-01-01T00:00:00Z").queryParam("to", "2000-01-02T00:00:00Z").when().get("/v1/audit")
                .then().statusCode(200).body("data", hasSize(0));
    }

    @Test
    void badRequestsAreRefused() {
        as(Tokens.readonly(tenant)).when().get("/v1/audit").then().spec(problem(403));
        as(Tokens.of(tenant, "sales", null)).when().get("/v1/audit").then().spec(problem(403));
        admin(tenant).queryParam("from", "yesterday").when().get("/v1/audit").then().spec(problem(400));
        admin(tenant).queryParam("entityId", "42").when().get("/v1/audit").then().spec(problem(400));
        admin(tenant).queryParam("limit", 0).when().get("/v1/audit").then().spec(problem(400));
        admin(tenant).queryParam("actr", "x").when().get("/v1/audit").then().spec(problem(400));
        admin(tenant).body(Map.of("perHour", 0, "perHourOutsideWorkingHours", 1)).when().put("/v1/security/bulk-read-policy")
                .then().spec(problem(400));
        admin(tenant).body(Map.of("perHour", 10, "perHourOutsideWorkingHours", 1, "workingDays", List.of("funday"),
                "workStart", "08:00", "workEnd", "20:00")).when().put("/v1/security/bulk-read-policy").then().spec(problem(400));
        admin(tenant).body(Map.of("perHour", 10, "perHourOutsideWorkingHours", 1, "workingDays", List.of("mon"),
                "workStart", "20:00", "workEnd", "08:00")).when().put("/v1/security/bulk-read-policy").then().spec(problem(400));
        admin(tenant).body(Map.of("perHour", 10, "perHourOutsideWorkingHours", 1, "workingDays", List.of("mon"),
                "workStart", "08:00", "workEnd", "20:00", "timeZone", "Mars/Olympus")).when().put("/v1/security/bulk-read-policy")
                .then().spec(problem(400));
        as(Tokens.of(tenant, "legal", null)).body(Map.of("perHour", 10, "perHourOutsideWorkingHours", 1))
                .when().put("/v1/security/bulk-read-policy").then().spec(problem(403));
        admin(tenant).when().get("/v1/security/bulk-read-policy").then().body("perHourOutsideWorkingHours", equalTo(3));
        admin(tenant).when().get("/v1/audit?entityId=" + UUID.randomUUID()).then().statusCode(200).body("data", hasSize(0));
    }
}
