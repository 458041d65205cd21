package dev.torre.platform.security;

import static dev.torre.testing.Api.admin;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One record of every kind a REST path can name, made by the owning tenant for
 * {@link ContractSecurityTest}; keyed by the collection before {@code {id}} or by the
 * parameter's own name. A new kind of path parameter needs a line here.
 */
final class OwnerRecords {

    /** Path parameters that name a tenant's record. */
    static final Set<String> IDS = Set.of("id", "contactId", "entryId", "stageId", "deliveryId", "recordId", "runId");

    /** Path parameters that name something fixed (a role, a purpose), with a valid value. */
    static final Map<String, String> LITERALS = Map.of("role", "sales", "objectType", "contact", "purpose", "marketing",
            "kind", "lead_conversion", "actor", "someone", "part", "1");

    private OwnerRecords() {
    }

    static void seed(String tenant, Map<String, String> ids) {
        String company = create(tenant, "/v1/companies", Map.of("name", "Owner Co", "domain", "owner.example"));
        String contact = create(tenant, "/v1/contacts", Map.of("firstName", "Olga", "email", "olga@owner.example", "companyId", company));
        ids.put("companies", company);
        ids.put("contacts", contact);
        ids.put("contactId", contact);
        ids.put("deals", create(tenant, "/v1/deals", Map.of("name", "Owner deal", "amount", "100", "currency", "EUR", "contactId", contact)));
        ids.put("products", create(tenant, "/v1/products", Map.of("sku", "OWN-1", "name", "Owned", "price", "5", "currency", "EUR")));
        ids.put("orders", create(tenant, "/v1/orders", Map.of("externalId", "own-1", "contactId", contact, "status", "pending",
                "currency", "EUR", "lines", List.of(Map.of("sku", "OWN-1", "quantity", 1)))));
        ids.put("interactions", create(tenant, "/v1/interactions", Map.of("type", "note", "direction", "internal",
                "occurredAt", "2026-01-02T10:00:00Z", "subject", "Owner note", "contactId", contact)));
        ids.put("workflows", create(tenant, "/v1/workflows", Map.of("name", "Owner flow",
                "trigger", Map.of("type", "event", "event", "ticket.created"),
                "steps", List.of(Map.of("type", "create_task", "title", "Look at {{subject}}")))));
        ids.put("tickets", create(tenant, "/v1/tickets", Map.of("subject", "Owner ticket", "contactId", contact)));
        ids.put("teams", create(tenant, "/v1/teams", Map.of("name", "Owner team", "members", List.of("owner-1"))));
        dev.torre.workflow.WorkflowWorker flows = io.quarkus.arc.Arc.container().instance(dev.torre.workflow.WorkflowWorker.class).get();
        dev.torre.testing.Drain.untilIdle(() -> flows.catchUp(tenant) + flows.wake(tenant));
        ids.put("runId", admin(tenant).when().get("/v1/workflows/" + ids.get("workflows") + "/runs").then().statusCode(200)
                .extract().path("data[0].id"));
        ids.put("runs", ids.get("runId"));
        // GraphQL's workflow mutations name the workflow as id
        ids.put("activateWorkflows", ids.get("workflows"));
        ids.put("deactivateWorkflows", ids.get("workflows"));
        ids.put("testWorkflows", ids.get("workflows"));
        ids.put("tasks", create(tenant, "/v1/tasks", Map.of("title", "Owner task", "contactId", contact)));
        ids.put("pipelines", admin(tenant).when().get("/v1/pipelines").then().statusCode(200).extract().path("data[0].id"));
        ids.put("stageId", admin(tenant).when().get("/v1/pipelines").then().statusCode(200).extract().path("data[0].stages[0].id"));
        ids.put("business-calendars", create(tenant, "/v1/business-calendars", Map.of("name", "Owner hours", "timeZone", "Europe/Madrid",
                "weeklyHours", Map.of("mon", List.of("09:00-17:00")))));
        ids.put("sla-policies", create(tenant, "/v1/sla-policies", Map.of("name", "Owner SLA",
                "targets", List.of(Map.of("priority", "high", "firstResponseMinutes", 60)))));
        ids.put("ticket-priority-rules", create(tenant, "/v1/ticket-priority-rules", Map.of("position", 1, "companyTier", "gold", "priority", "high")));
        ids.put("property-definitions", create(tenant, "/v1/property-definitions", Map.of("objectType", "contact", "name", "ownerNote", "type", "string")));
        ids.put("retention-policies", create(tenant, "/v1/retention-policies", Map.of("action", "delete_interactions",
                "interactionType", "web_visit", "olderThanDays", 180)));
        ids.put("scoring/rules", admin(tenant).when().get("/v1/scoring/rules").then().statusCode(200).extract().path("data[0].id"));
        ids.put("entryId", admin(tenant).body(Map.of("purpose", "marketing", "channel", "email", "status", "denied",
                "lawfulBasis", "consent", "source", "web_form")).when().post("/v1/contacts/" + contact + "/consents")
                .then().statusCode(201).extract().path("id"));
        ids.put("privacy/requests", admin(tenant).body(Map.of("type", "access", "contactId", contact)).when().post("/v1/privacy/requests")
                .then().statusCode(202).extract().path("id"));
        String webhook = create(tenant, "/v1/webhooks", Map.of("url", "http://127.0.0.1:9/owner-hook", "eventTypes", List.of("contact.*")));
        ids.put("webhooks", webhook);
        admin(tenant).when().post("/v1/webhooks/" + webhook + "/test").then().statusCode(202);
        ids.put("deliveryId", admin(tenant).when().get("/v1/webhooks/" + webhook + "/deliveries").then().statusCode(200)
                .extract().path("data[0].id"));
        ids.put("segments", create(tenant, "/v1/segments", Map.of("name", "Owner list", "objectType", "contact", "kind", "static")));
        admin(tenant).body(Map.of("ids", List.of(contact))).when().post("/v1/segments/" + ids.get("segments") + "/members").then().statusCode(200);
        ids.put("recordId", contact);
        ids.put("api-clients", create(tenant, "/v1/api-clients", Map.of("name", "Owner client", "scopes", List.of("contacts:read"))));
        ids.put("apiClients", ids.get("api-clients")); // GraphQL's apiClient(id)
        ids.put("scoring/jobs", admin(tenant).when().post("/v1/scoring/models/lead_conversion/train")
                .then().statusCode(202).extract().path("id"));
        String importJob = io.restassured.RestAssured.given().header("Authorization", "Bearer " + dev.torre.testing.Tokens.admin(tenant))
                .contentType("text/csv").body("email\nowner-import@acme.es\n").when().post("/v1/imports?objectType=contact&matchOn=email")
                .then().statusCode(202).extract().path("id");
        ids.put("imports", importJob);
        ids.put("importJobs", importJob);
        String exportJob = admin(tenant).body(Map.of("objectType", "contact")).when().post("/v1/exports")
                .then().statusCode(202).extract().path("id");
        ids.put("exports", exportJob);
        ids.put("import-mappings", create(tenant, "/v1/import-mappings", Map.of("name", "Owner mapping", "objectType", "contact",
                "columns", Map.of("Correo", "email"))));
        ids.put("imports/uploads", create(tenant, "/v1/imports/uploads", Map.of()));
        admin(tenant).queryParam("onDuplicate", "create").body(Map.of("firstName", "Owner", "phone", "+34600111222"))
                .when().post("/v1/contacts").then().statusCode(201);
        admin(tenant).queryParam("onDuplicate", "create").body(Map.of("firstName", "Owner twin", "phone", "+34600111222"))
                .when().post("/v1/contacts").then().statusCode(201);
        dev.torre.merge.DuplicateWorker duplicates = io.quarkus.arc.Arc.container().instance(dev.torre.merge.DuplicateWorker.class).get();
        dev.torre.testing.Drain.untilIdle(() -> duplicates.catchUp(tenant));
        ids.put("duplicates", admin(tenant).queryParam("objectType", "contact").when().get("/v1/duplicates").then().statusCode(200)
                .extract().path("[0].pairId"));
        ids.put("exportJobs", exportJob);
        ids.put("pairs", ids.get("duplicates")); // GraphQL's dismissDuplicatePair(pairId)
    }

    private static String create(String tenant, String path, Map<String, Object> body) {
        return admin(tenant).body(body).when().post(path).then().statusCode(201).extract().path("id");
    }
}
