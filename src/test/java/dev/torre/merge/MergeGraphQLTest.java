package dev.torre.merge;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.GraphQL;
import dev.torre.testing.Seed;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** GraphQL reads duplicates and merges as a mutation, through the same services as REST. */
@QuarkusTest
class MergeGraphQLTest {

    private final String tenant = newTenant();

    @jakarta.inject.Inject
    DuplicateWorker worker;

    @Test
    void listsDuplicatesAndMergesWithADryRunFirst() {
        String ana = Seed.contact(tenant, Bodies.contact().firstName("Ana").lastName("Núñez").email("ana@acme.es").build());
        String twin = Seed.contact(tenant, Bodies.contact().firstName("ana").lastName("Nunez").phone("+34612345678").build());
        GraphQL.as(Tokens.admin(tenant), "query($id: ID!) { contactDuplicates(id: $id) { id score signals } }", GraphQL.vars("id", ana))
                .body("data.contactDuplicates.id", contains(twin))
                .body("data.contactDuplicates[0].signals", contains("name"));
        dev.torre.testing.Drain.untilIdle(() -> worker.catchUp(tenant));
        GraphQL.as(Tokens.admin(tenant), "query($type: String!) { duplicatePairs(objectType: $type) { id otherId signals } }",
                GraphQL.vars("type", "contact"))
                .body("data.duplicatePairs[0].id", equalTo(ana)).body("data.duplicatePairs[0].otherId", equalTo(twin));

        String mutation = """
                mutation($id: ID!, $input: MergeInput!) {
                  mergeContact(id: $id, input: $input) { dryRun mergedIds result moved { kind count } filledFrom { field recordId } }
                }
                """;
        GraphQL.as(Tokens.admin(tenant), mutation, GraphQL.vars("id", ana, "input", Map.of("mergeIds", List.of(twin), "dryRun", true)))
                .body("data.mergeContact.dryRun", equalTo(true))
                .body("data.mergeContact.filledFrom.field", contains("phone"))
                .body("data.mergeContact.moved.kind", hasItem("interactions"));
        admin(tenant).when().get("/v1/contacts/{id}", twin).then().body("archivedAt", equalTo(null));

        GraphQL.as(Tokens.admin(tenant), mutation, GraphQL.vars("id", ana, "input", Map.of("mergeIds", List.of(twin),
                "prefer", List.of(Map.of("field", "lastName", "recordId", twin)))))
                .body("data.mergeContact.dryRun", equalTo(false))
                .body("data.mergeContact.mergedIds", contains(twin));
        admin(tenant).when().get("/v1/contacts/{id}", ana).then().body("phone", equalTo("+34612345678")).body("lastName", equalTo("Nunez"));
        GraphQL.expectError(GraphQL.as(Tokens.admin(tenant), mutation, GraphQL.vars("id", ana, "input", Map.of("mergeIds", List.of(ana)))),
                "mergeContact", "VALIDATION");
    }
}
