package dev.torre.platform.tenancy;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.torre.testing.GraphQL;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Requests of two tenants, one after the other on the same pooled connections: each must only
 * ever see its own data, also right after a request of the other that failed and rolled back.
 * This is what the connection's remembered tenant stamp must get right.
 */
@QuarkusTest
class TenantInterleavingTest {

    private final String tenantA = newTenant();
    private final String tenantB = newTenant();
    private final Map<String, List<String>> created = new HashMap<>(Map.of(tenantA, new ArrayList<>(), tenantB, new ArrayList<>()));

    @Test
    void alternatingRequestsSeeOnlyTheirOwnTenant() {
        for (int i = 0; i < 50; i++) {
            String tenant = i % 2 == 0 ? tenantA : tenantB;
            String other = tenant.equals(tenantA) ? tenantB : tenantA;
            if (i % 4 < 2) {
                create(tenant, tenant + "-" + i + "@example.com");
            }
            expectOnlyOwn(tenant);
            if (!created.get(other).isEmpty()) {
                admin(tenant).when().get("/v1/contacts/" + created.get(other).get(0)).then().statusCode(404);
            }
        }
    }

    @Test
    void aRolledBackRequestLeavesNoWrongStampBehind() {
        create(tenantA, "taken@example.com");
        create(tenantB, "taken@example.com");
        for (int i = 0; i < 10; i++) {
            expectOnlyOwn(tenantB);
            admin(tenantA).body(Map.of("email", "taken@example.com")).when().post("/v1/contacts")
                    .then().statusCode(409)
                    .body("type", equalTo("/problems/conflict"));
            expectOnlyOwn(tenantA);
            expectOnlyOwn(tenantB);

            admin(tenantB).body(Map.of("email", "taken@example.com")).when().post("/v1/contacts").then().statusCode(409);
            expectOnlyOwn(tenantA);
            admin(tenantB).body(Map.of("email", "not an email")).when().post("/v1/contacts").then().statusCode(400);
            expectOnlyOwn(tenantB);
            create(tenantA, tenantA + "-after-" + i + "@example.com");
            expectOnlyOwn(tenantA);
        }
    }

    @Test
    void graphQLAndRestInterleaveToo() {
        for (int i = 0; i < 20; i++) {
            String tenant = i % 2 == 0 ? tenantA : tenantB;
            create(tenant, tenant + "-" + i + "@example.com");
            GraphQL.as(Tokens.admin(tenant), """
                    query { contacts(first: 100) { edges { node { id email } } } }
                    """)
                    .body("errors", equalTo(null))
                    .body("data.contacts.edges", hasSize(created.get(tenant).size()))
                    .body("data.contacts.edges.node.email", everyItem(startsWith(tenant)));
        }
    }

    private void create(String tenant, String email) {
        String id = admin(tenant).body(Map.of("email", email)).when().post("/v1/contacts")
                .then().statusCode(201).extract().path("id");
        created.get(tenant).add(id);
    }

    private void expectOnlyOwn(String tenant) {
        admin(tenant).when().get("/v1/contacts?limit=200")
                .then().statusCode(200)
                .body("data.id", equalTo(created.get(tenant)));
    }
}
