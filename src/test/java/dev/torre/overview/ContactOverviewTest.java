package dev.torre.overview;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.torre.testing.GraphQL;
import dev.torre.testing.Problems;
import dev.torre.testing.Seed;
import dev.torre.testing.TestTime;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** The 360° view of a contact, over REST and GraphQL. */
@QuarkusTest
class ContactOverviewTest {

    private final String tenant = newTenant();

    @AfterEach
    void realTime() {
        TestTime.reset();
    }

    private String contactWithHistory() {
        String company = Seed.company(tenant, "{\"name\":\"Acme\",\"tier\":\"gold\"}");
        String contact = Seed.contact(tenant, "{\"firstName\":\"Ana\",\"companyId\":\"" + company + "\"}");
        admin(tenant).body("{\"name\":\"All\",\"targets\":[{\"priority\":\"normal\",\"firstResponseMinutes\":60}]}")
                .when().post("/v1/sla-policies").then().statusCode(201);
        TestTime.set("2026-03-02T09:00:00Z");
        admin(tenant).body("{\"subject\":\"Open one\",\"contactId\":\"" + contact + "\"}").when().post("/v1/tickets").then().statusCode(201);
        admin(tenant).body("{\"subject\":\"Done one\",\"status\":\"resolved\",\"contactId\":\"" + contact + "\"}").when().post("/v1/tickets")
                .then().statusCode(201);
        for (int i = 0; i < 25; i++) {
            admin(tenant).body("{\"type\":\"note\",\"direction\":\"internal\",\"occurredAt\":\"2026-02-%02dT10:00:00Z\",\"subject\":\"n%d\",\"contactId\":\"%s\"}"
                    .formatted(i + 1, i + 1, contact)).when().post("/v1/interactions").then().statusCode(201);
        }
        admin(tenant).body("{\"title\":\"Call\",\"contactId\":\"" + contact + "\"}").when().post("/v1/tasks").then().statusCode(201);
        admin(tenant).body("{\"title\":\"Done\",\"status\":\"done\",\"contactId\":\"" + contact + "\"}").when().post("/v1/tasks").then().statusCode(201);
        TestTime.set("2026-03-02T10:00:00Z");
        return contact;
    }

    @Test
    void showsProfileCompanyOpenWorkRecentInteractionsAndCounters() {
        String contact = contactWithHistory();
        admin(tenant).when().get("/v1/contacts/{id}/overview", contact).then().statusCode(200)
                .body("contact.firstName", equalTo("Ana"))
                .body("company.name", equalTo("Acme"))
                .body("openTickets.subject", contains("Open one"))
                .body("openTickets[0].firstResponseSla.dueAt", equalTo("2026-03-02T10:00:00Z"))
                .body("openTickets[0].firstResponseSla.breached", equalTo(true))
                .body("recentInteractions", hasSize(20))
                .body("recentInteractions[0].subject", equalTo("n25"))
                .body("openTasks.title", contains("Call"))
                .body("openDeals", hasSize(0))
                .body("recentOrders", hasSize(0))
                .body("counters.openTicketCount", equalTo(1))
                .body("counters.openTaskCount", equalTo(1))
                .body("counters.daysSinceLastContact", equalTo(5))
                .body("counters.lifetimeValue", nullValue());
    }

    @Test
    void theSameOverOneGraphQLQuery() {
        String contact = contactWithHistory();
        GraphQL.as(Tokens.admin(tenant), """
                query($id: ID!) { contactOverview(id: $id) {
                  contact { firstName company { name } }
                  openTickets { subject firstResponseSla { breached state } }
                  recentInteractions { subject }
                  openTasks { title }
                  counters { openTicketCount daysSinceLastContact }
                } }
                """, Map.of("id", contact)).statusCode(200)
                .body("errors", nullValue())
                .body("data.contactOverview.contact.company.name", equalTo("Acme"))
                .body("data.contactOverview.openTickets[0].firstResponseSla.state", equalTo("breached"))
                .body("data.contactOverview.recentInteractions", hasSize(20))
                .body("data.contactOverview.counters.daysSinceLastContact", equalTo(5));
    }

    @Test
    void anotherTenantsContactIsNotFound() {
        String foreign = Seed.contact(newTenant(), "Eve", "X");
        admin(tenant).when().get("/v1/contacts/{id}/overview", foreign).then().spec(Problems.problem(404));
        GraphQL.expectError(GraphQL.as(Tokens.admin(tenant), "query($id: ID!) { contactOverview(id: $id) { counters { openTicketCount } } }",
                Map.of("id", foreign)), "contactOverview", "NOT_FOUND");
    }
}
