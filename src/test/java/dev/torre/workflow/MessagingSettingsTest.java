package dev.torre.workflow;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

import dev.torre.testing.Bodies;
import dev.torre.testing.Seed;
import dev.torre.testing.TestTime;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** A tenant's own caps and quiet hours, and quiet hours read in each contact's own time zone. */
@QuarkusTest
class MessagingSettingsTest {

    private final String tenant = newTenant();

    @Inject
    WorkflowWorker worker;

    @BeforeEach
    void stopTheClock() {
        TestTime.set("2030-03-04T13:00:00Z");
    }

    @AfterEach
    void realTime() {
        TestTime.reset();
    }

    private static Map<String, Object> settings(Object quietHours, List<Map<String, Object>> caps, String timeZone) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("timeZone", timeZone);
        body.put("quietHours", quietHours);
        body.put("caps", caps);
        body.put("cappedPurposes", List.of("marketing"));
        body.put("whenCapped", "wait");
        return body;
    }

    private static Map<String, Object> cap(String channel, int max, String window) {
        return Map.of("channel", channel, "max", max, "window", window);
    }

    private static void put(String tenant, Map<String, Object> settings) {
        admin(tenant).body(settings).when().put("/v1/settings/messaging").then().statusCode(200).body("custom", equalTo(true));
    }

    @Test
    void theServerDefaultsApplyUntilTheTenantSetsItsOwnAndStaleWritesAreRefused() {
        admin(tenant).when().get("/v1/settings/messaging").then().statusCode(200)
                .body("custom", equalTo(false)).body("timeZone", equalTo("Europe/Madrid"))
                .body("caps[0].channel", equalTo("any")).body("caps[0].max", equalTo(3)).body("quietHours", nullValue());
        admin(tenant).body(settings(Map.of("start", "22:00", "end", "07:30"), List.of(cap("email", 2, "P7D"), cap("sms", 1, "P1D")), "Asia/Tokyo"))
                .when().put("/v1/settings/messaging").then().statusCode(200).header("ETag", "\"1\"")
                .body("version", equalTo(1)).body("quietHours.start", equalTo("22:00"));
        admin(tenant).when().get("/v1/settings/messaging").then().statusCode(200)
                .body("custom", equalTo(true)).body("timeZone", equalTo("Asia/Tokyo")).body("caps[1].window", equalTo("P1D"));
        admin(tenant).header("If-Match", "\"0\"").body(settings(null, List.of(), "UTC"))
                .when().put("/v1/settings/messaging").then().spec(problem(412));
        admin(tenant).when().get("/v1/settings/messaging").then().body("timeZone", equalTo("Asia/Tokyo")).body("version", equalTo(1));
    }

    @Test
    void badSettingsAreRefusedNamingTheFieldAndChangeNothing() {
        List<Map<String, Object>> caps = List.of(cap("email", 2, "P7D"));
        admin(tenant).body(settings(null, caps, "Mars/Olympus")).when().put("/v1/settings/messaging")
                .then().spec(problem(400)).body("errors[0].field", equalTo("timeZone"));
        admin(tenant).body(settings(null, List.of(cap("email", 2, "seven days")), "UTC")).when().put("/v1/settings/messaging")
                .then().spec(problem(400)).body("errors[0].field", equalTo("caps[0].window"));
        admin(tenant).body(settings(null, List.of(cap("email", 2, "PT1M")), "UTC")).when().put("/v1/settings/messaging")
                .then().spec(problem(400)).body("errors[0].code", equalTo("out_of_range"));
        admin(tenant).body(settings(null, List.of(cap("email", 2, "P7D"), cap("email", 5, "P7D")), "UTC")).when().put("/v1/settings/messaging")
                .then().spec(problem(400)).body("errors[0].field", equalTo("caps[1]"));
        admin(tenant).body(settings(null, List.of(cap("pigeon", 2, "P7D")), "UTC")).when().put("/v1/settings/messaging")
                .then().spec(problem(400));
        admin(tenant).body(settings(Map.of("start", "25:00", "end", "08:00"), caps, "UTC")).when().put("/v1/settings/messaging")
                .then().spec(problem(400));
        admin(tenant).body(settings(Map.of("start", "08:00", "end", "08:00"), caps, "UTC")).when().put("/v1/settings/messaging")
                .then().spec(problem(400)).body("errors[0].field", equalTo("quietHours.end"));
        admin(tenant).when().get("/v1/settings/messaging").then().body("custom", equalTo(false));
    }

    @Test
    void onlyAdminsChangeThem() {
        as(Tokens.of(tenant, "marketing", null)).body(settings(null, List.of(), "UTC")).when().put("/v1/settings/messaging")
                .then().spec(problem(403));
        as(Tokens.readonly(tenant)).when().get("/v1/settings/messaging").then().statusCode(200);
    }

    @Test
    void eachTenantsCapsHoldItsOwnMessages() {
        String strict = tenant;
        String lenient = newTenant();
        put(strict, settings(null, List.of(cap("email", 1, "P1D")), "Europe/Madrid"));
        put(lenient, settings(null, List.of(cap("email", 2, "P1D"), cap("sms", 1, "P1D")), "Europe/Madrid"));
        for (String t : List.of(strict, lenient)) {
            String workflow = Flows.create(t, """
                    {"name": "Chatty", "reenrollment": true, "trigger": {"type": "event", "event": "contact.updated"},
                     "steps": [{"type": "send_message", "channel": "email", "purpose": "marketing", "body": "News for {{firstName}}"}]}""");
            String ana = Seed.contact(t, Bodies.contact().firstName("Ana").email("ana@acme.es").build());
            Flows.grant(t, ana, "marketing", "email", "granted");
            for (int i = 0; i < 2; i++) {
                admin(t).body(Map.of("lastName", "V" + i)).when().patch("/v1/contacts/{id}", ana).then().statusCode(200);
                Flows.drain(worker, t);
                TestTime.advance(Duration.ofMinutes(10));
            }
            List<Object> statuses = Flows.runs(t, workflow).stream().map(r -> r.get("status")).toList();
            if (t.equals(strict)) {
                assertEquals(List.of("waiting", "completed"), statuses, "one email a day: the second waits");
                JsonPath held = Flows.run(t, workflow, Flows.runs(t, workflow).getFirst().get("id"));
                assertEquals("frequency_cap", held.getString("steps[0].reason"));
                assertEquals("2030-03-05T13:00:00Z", held.getString("wakeAt"));
            } else {
                assertEquals(List.of("completed", "completed"), statuses, "two emails a day: both go");
            }
        }
    }

    @Test
    void quietHoursAreReadInTheContactsOwnTimeZoneAndDeferTheMessageToTheirEnd() {
        put(tenant, settings(Map.of("start", "21:00", "end", "08:00"), List.of(), "Europe/Madrid"));
        String workflow = Flows.create(tenant, """
                {"name": "Hello", "trigger": {"type": "event", "event": "contact.created"},
                 "steps": [{"type": "send_message", "channel": "email", "purpose": "service_notifications", "body": "Hello {{firstName}}"}]}""");
        // 13:00 UTC: 14:00 in Madrid (day), 22:00 in Tokyo (quiet until 08:00 Tokyo = 23:00 UTC)
        String tokyo = Seed.contact(tenant, Bodies.contact().firstName("Yui").email("yui@acme.jp").with("timeZone", "Asia/Tokyo").build());
        String madrid = Seed.contact(tenant, Bodies.contact().firstName("Ana").email("ana@acme.es").with("timeZone", "Europe/Madrid").build());
        String tenantZone = Seed.contact(tenant, Bodies.contact().firstName("Leo").email("leo@acme.es").build());
        for (String c : List.of(tokyo, madrid, tenantZone)) {
            Flows.grant(tenant, c, "service_notifications", "email", "granted");
        }
        Flows.drain(worker, tenant);
        Map<String, String> status = new java.util.HashMap<>();
        Map<String, String> runIds = new java.util.HashMap<>();
        for (Map<String, Object> r : Flows.runs(tenant, workflow)) {
            status.put((String) r.get("recordId"), (String) r.get("status"));
            runIds.put((String) r.get("recordId"), (String) r.get("id"));
        }
        assertEquals("completed", status.get(madrid));
        assertEquals("completed", status.get(tenantZone), "no zone of its own: the tenant's, Madrid");
        assertEquals("waiting", status.get(tokyo));
        JsonPath held = Flows.run(tenant, workflow, runIds.get(tokyo));
        assertEquals("quiet_hours", held.getString("steps[0].reason"));
        assertEquals("2030-03-04T23:00:00Z", held.getString("wakeAt"));
        assertEquals(2, messagesRequested());

        TestTime.set("2030-03-04T23:00:01Z");
        Flows.drain(worker, tenant);
        JsonPath sent = Flows.run(tenant, workflow, runIds.get(tokyo));
        assertEquals("completed", sent.getString("status"), "deferred, not dropped");
        assertEquals(List.of("completed"), sent.getList("steps.outcome"), "the waiting outcome is replaced by how the step ended");
        assertEquals(3, messagesRequested());
    }

    @Test
    void aContactsTimeZoneIsAnIanaIdOrA400() {
        admin(tenant).body(Map.of("firstName", "Zed", "timeZone", "Mars/Olympus")).when().post("/v1/contacts")
                .then().spec(problem(400)).body("errors[0].field", equalTo("timeZone"));
        admin(tenant).body(Map.of("firstName", "Zed", "timeZone", "+02:00")).when().post("/v1/contacts")
                .then().spec(problem(400)).body("errors[0].field", equalTo("timeZone"));
        assertEquals(0, Seed.ids(tenant, "contacts").size(), "nothing was created");
        String id = Seed.contact(tenant, Bodies.contact().firstName("Yui").with("timeZone", "Asia/Tokyo").build());
        admin(tenant).when().get("/v1/contacts/{id}", id).then().body("timeZone", equalTo("Asia/Tokyo"));
        admin(tenant).body(Map.of("timeZone", "Atlantis/Capital")).when().patch("/v1/contacts/{id}", id).then().spec(problem(400));
        admin(tenant).when().get("/v1/contacts/{id}", id).then().body("timeZone", equalTo("Asia/Tokyo"));
        admin(tenant).body(Bodies.contact().with("timeZone", null).build())
                .when().patch("/v1/contacts/{id}", id).then().statusCode(200).body("timeZone", nullValue());
    }

    private int messagesRequested() {
        return admin(tenant).queryParam("types", "message.requested").queryParam("limit", 200).when().get("/v1/events").then()
                .extract().jsonPath().getList("data").size();
    }
}
