package dev.torre.platform.query;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Free text works on every search endpoint the API publishes: the endpoints are read from the server's own
 * OpenAPI document, so a new {@code /search} is covered without anyone adding it here.
 */
@QuarkusTest
class FreeTextSearchTest {

    private final String tenant = newTenant();

    @SuppressWarnings("unchecked")
    private static List<String> searchEndpoints() {
        Map<String, Map<String, Object>> paths = given().queryParam("format", "json").when().get("/q/openapi").then()
                .statusCode(200).extract().path("paths");
        return paths.entrySet().stream().filter(e -> e.getKey().endsWith("/search") && e.getValue().containsKey("post"))
                .map(Map.Entry::getKey).sorted().toList();
    }

    @Test
    void everySearchEndpointAnswersFreeText() {
        List<String> endpoints = searchEndpoints();
        assertTrue(endpoints.containsAll(List.of("/v1/contacts/search", "/v1/tasks/search", "/v1/interactions/search")),
                endpoints.toString());
        for (String endpoint : endpoints) {
            String path = endpoint.replaceAll("\\{[^}]+}", "00000000-0000-7000-8000-000000000000");
            admin(tenant).body(Map.of("q", "ana")).when().post(path).then().statusCode(200).body("data", notNullValue());
            admin(tenant).body(Map.of("q", "ana", "sort", List.of("-createdAt"), "limit", 1)).when().post(path).then()
                    .statusCode(200);
        }
    }

    @Test
    void tasksAndInteractionsAreFoundByTheirText() {
        String contact = Seed.contact(tenant, "Ana", "Lopez");
        admin(tenant).body(Map.of("title", "Llamar a Ana", "description", "Presupuesto de la renovación", "contactId", contact))
                .when().post("/v1/tasks").then().statusCode(201);
        admin(tenant).body(Map.of("title", "Enviar factura")).when().post("/v1/tasks").then().statusCode(201);
        admin(tenant).body(Map.of("type", "note", "direction", "internal", "occurredAt", "2026-03-02T10:00:00Z",
                "subject", "Reunión con Ana", "body", "Quiere ampliar el contrato", "contactId", contact))
                .when().post("/v1/interactions").then().statusCode(201);

        admin(tenant).body(Map.of("q", "ANA")).when().post("/v1/tasks/search").then().statusCode(200)
                .body("data", hasSize(1)).body("data[0].title", equalTo("Llamar a Ana"));
        admin(tenant).body(Map.of("q", "renovacion")).when().post("/v1/tasks/search").then().statusCode(200)
                .body("data", hasSize(1));
        admin(tenant).body(Map.of("q", "reunion ana")).when().post("/v1/interactions/search").then().statusCode(200)
                .body("data", hasSize(1)).body("data[0].subject", equalTo("Reunión con Ana"));
        admin(tenant).body(Map.of("q", "contrato")).when().post("/v1/interactions/search").then().statusCode(200)
                .body("data", hasSize(1));
        admin(tenant).body(Map.of("q", "factura")).when().post("/v1/interactions/search").then().statusCode(200)
                .body("data", hasSize(0));
    }
}
