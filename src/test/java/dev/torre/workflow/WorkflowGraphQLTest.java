package dev.torre.workflow;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.GraphQL;
import dev.torre.testing.Problems;
import dev.torre.testing.Seed;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** Workflow mutations over GraphQL: the same service, validation, scopes and error codes as REST. */
@QuarkusTest
class WorkflowGraphQLTest {

    private final String tenant = newTenant();

    private static final String CREATE = """
            mutation($input: WorkflowInput!) { createWorkflow(input: $input) { id name enabled definitionVersion trigger } }""";
    /** The input carries trigger and steps as JSON text, the same JSON the REST body holds as objects. */
    private static final String TRIGGER = """
            {"type": "event", "event": "contact.created"}""";
    private static final String STEPS = """
            [{"type": "create_task", "title": "Call {{firstName}}"}]""";

    private String create() {
        return GraphQL.as(Tokens.admin(tenant), CREATE, Map.of("input", Map.of("name", "Hello", "trigger", TRIGGER, "steps", STEPS)))
                .statusCode(200).body("errors", nullValue()).body("data.createWorkflow.enabled", equalTo(true))
                .extract().path("data.createWorkflow.id");
    }

    @Test
    void aWorkflowIsCreatedChangedDeactivatedActivatedAndDeleted() {
        String id = create();
        admin(tenant).when().get("/v1/workflows/{id}", id).then().statusCode(200).body("name", equalTo("Hello"))
                .body("trigger.event", equalTo("contact.created"));
        GraphQL.as(Tokens.admin(tenant), """
                mutation($id: ID!, $input: WorkflowInput!) { updateWorkflow(id: $id, input: $input, expectedVersion: 0) { name definitionVersion } }""",
                Map.of("id", id, "input", Map.of("name", "Hi", "steps", """
                        [{"type": "create_task", "title": "Ring {{firstName}}"}]""")))
                .body("errors", nullValue()).body("data.updateWorkflow.name", equalTo("Hi"))
                .body("data.updateWorkflow.definitionVersion", equalTo(2));
        GraphQL.as(Tokens.admin(tenant), "mutation($id: ID!) { deactivateWorkflow(id: $id) { enabled } }", Map.of("id", id))
                .body("errors", nullValue()).body("data.deactivateWorkflow.enabled", equalTo(false));
        admin(tenant).when().get("/v1/workflows/{id}", id).then().body("enabled", equalTo(false));
        GraphQL.as(Tokens.admin(tenant), "mutation($id: ID!) { activateWorkflow(id: $id) { enabled } }", Map.of("id", id))
                .body("errors", nullValue()).body("data.activateWorkflow.enabled", equalTo(true));
        GraphQL.as(Tokens.admin(tenant), "mutation($id: ID!) { deleteWorkflow(id: $id) }", Map.of("id", id))
                .body("errors", nullValue()).body("data.deleteWorkflow", equalTo(true));
        admin(tenant).when().get("/v1/workflows/{id}", id).then().statusCode(200).body("archivedAt", org.hamcrest.Matchers.notNullValue());
        assertEquals(0, Seed.ids(tenant, "workflows").size(), "archived: out of the list");
        GraphQL.expectError(GraphQL.as(Tokens.admin(tenant), "query($id: ID!) { workflow(id: $id) { id } }",
                Map.of("id", "0190a4c2-0000-7000-8000-000000000000")), "workflow", "NOT_FOUND");
    }

    @Test
    void aBadDefinitionIsTheSameValidationProblemAsOverRestAndWritesNothing() {
        List<String> badCondition = GraphQL.expectError(GraphQL.as(Tokens.admin(tenant), CREATE, Map.of("input", Map.of("name", "Bad",
                "trigger", """
                        {"type": "record_changed", "objectType": "contact", "condition": "shoeSize gt 40"}""", "steps", STEPS))),
                "createWorkflow", "VALIDATION").extract().path(FIELD_ERRORS);
        assertSameAsOverRest(badCondition, Map.of("type", "record_changed", "objectType", "contact", "condition", "shoeSize gt 40"),
                List.of(Map.of("type", "create_task", "title", "Call {{firstName}}")));
        GraphQL.expectError(GraphQL.as(Tokens.admin(tenant), CREATE, Map.of("input", Map.of("name", "Bad", "trigger", "{not json", "steps", STEPS))),
                "createWorkflow", "VALIDATION");
        List<String> badStep = GraphQL.expectError(GraphQL.as(Tokens.admin(tenant), CREATE, Map.of("input", Map.of("name", "Bad", "trigger", TRIGGER,
                "steps", """
                        [{"type": "teleport"}]"""))), "createWorkflow", "VALIDATION").extract().path(FIELD_ERRORS);
        assertSameAsOverRest(badStep, Map.of("type", "event", "event", "contact.created"), List.of(Map.of("type", "teleport")));
        assertEquals(0, Seed.ids(tenant, "workflows").size());
    }

    /** The field errors of a GraphQL problem, each as "field code". */
    private static final String FIELD_ERRORS = "errors[0].extensions.errors.collect { it.field + ' ' + it.code }";

    /** The same definition sent over REST is refused with the same field errors that GraphQL named. */
    private void assertSameAsOverRest(List<String> overGraphQL, Map<String, Object> trigger, List<Map<String, Object>> steps) {
        List<String> overRest = admin(tenant).body(Bodies.workflow().name("Bad").trigger(trigger).steps(steps).build())
                .when().post("/v1/workflows").then().spec(Problems.problem(400))
                .extract().path("errors.collect { it.field + ' ' + it.code }");
        assertFalse(overRest.isEmpty(), "a refusal that names no field");
        assertEquals(overRest, overGraphQL);
    }

    @Test
    void theWorkflowScopesApplyAsOverRest() {
        String id = create();
        GraphQL.expectError(GraphQL.as(Tokens.readonly(tenant), CREATE, Map.of("input", Map.of("name", "No", "trigger", TRIGGER, "steps", STEPS))),
                "createWorkflow", "FORBIDDEN");
        GraphQL.expectError(GraphQL.as(Tokens.readonly(tenant), "mutation($id: ID!) { deactivateWorkflow(id: $id) { enabled } }",
                Map.of("id", id)), "deactivateWorkflow", "FORBIDDEN");
        GraphQL.expectError(GraphQL.as(Tokens.of(tenant, "sales", null), "query($id: ID!) { workflow(id: $id) { id } }", Map.of("id", id)),
                "workflow", "FORBIDDEN");
        admin(tenant).when().get("/v1/workflows/{id}", id).then().body("enabled", equalTo(true));
    }

    @Test
    void aDryRunReportsWhatEachStepWouldDo() {
        String id = create();
        String ana = Seed.contact(tenant, "Ana", "Soler");
        GraphQL.as(Tokens.admin(tenant), """
                mutation($id: ID!, $record: ID!) { testWorkflow(id: $id, recordId: $record) { recordType steps { type outcome detail } } }""",
                Map.of("id", id, "record", ana))
                .body("errors", nullValue()).body("data.testWorkflow.recordType", equalTo("contact"))
                .body("data.testWorkflow.steps[0].type", equalTo("create_task"))
                .body("data.testWorkflow.steps[0].outcome", equalTo("completed"))
                .body("data.testWorkflow.steps[0].detail", org.hamcrest.Matchers.containsString("Call Ana"));
        assertEquals(0, Flows.tasks(tenant, "title eq \"Call Ana\"").size(), "a dry run writes nothing");
    }
}
