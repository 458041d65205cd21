package dev.torre.overview;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;

import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.Drain;
import dev.torre.scoring.ScoringWorker;
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

    @Inject
    EntityManagerFactory entityManagerFactory;

    @Inject
    ScoringWorker scoring;

    @AfterEach
    void realTime() {
        TestTime.reset();
    }

    private String contactWithHistory() {
        String company = Seed.company(tenant, Bodies.company().name("Acme").tier("gold"));
        String contact = Seed.contact(tenant, Bodies.contact().firstName("Ana").companyId(company));
        admin(tenant).body(Bodies.slaPolicy().name("All").firstResponse("normal", 60).build())
                .when().post("/v1/sla-policies").then().statusCode(201);
        TestTime.set("2026-03-02T09:00:00Z");
        admin(tenant).body(Bodies.ticket().subject("Open one").contactId(contact).build()).when().post("/v1/tickets").then().statusCode(201);
        admin(tenant).body(Bodies.ticket().subject("Done one").status("resolved").contactId(contact).build()).when().post("/v1/tickets")
                .then().statusCode(201);
        for (int i = 0; i < 25; i++) {
            admin(tenant).body(Bodies.interaction().note(contact, "2026-02-%02dT10:00:00Z".formatted(i + 1)).subject("n" + (i + 1)).build()).when().post("/v1/interactions").then().statusCode(201);
        }
        admin(tenant).body(Bodies.task().title("Call").contactId(contact).build()).when().post("/v1/tasks").then().statusCode(201);
        admin(tenant).body(Bodies.task().title("Done").status("done").contactId(contact).build()).when().post("/v1/tasks").then().statusCode(201);
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
                .body("counters.lifetimeValue", hasSize(0))
                .body("counters.leadScore", nullValue())
                .body("withheld", hasSize(0));
    }

    @Test
    void partsTheCallerMayNotReadAreWithheldNotFatal() {
        String contact = contactWithHistory();
        // marketing reads contacts, companies, deals and interactions, but not tickets, tasks or orders
        as(Tokens.of(tenant, "marketing", null)).when().get("/v1/contacts/{id}/overview", contact).then().statusCode(200)
                .body("contact.firstName", equalTo("Ana"))
                .body("company.name", equalTo("Acme"))
                .body("recentInteractions", hasSize(20))
                .body("openDeals", hasSize(0))
                .body("openTickets", nullValue())
                .body("openTasks", nullValue())
                .body("recentOrders", nullValue())
                .body("counters.openTicketCount", nullValue())
                .body("counters.daysSinceLastContact", equalTo(5))
                .body("withheld", containsInAnyOrder("openTickets", "openTasks", "recentOrders", "counters.openTicketCount",
                        "counters.openTaskCount"));
        // a token narrowed to contacts:read sees the contact alone
        as(Tokens.of(tenant, "sales", "contacts:read")).when().get("/v1/contacts/{id}/overview", contact).then().statusCode(200)
                .body("contact.firstName", equalTo("Ana")).body("company", nullValue()).body("recentInteractions", nullValue())
                .body("withheld", hasItems("company", "recentInteractions", "openDeals"));
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

    private void mug() {
        admin(tenant).body(Map.of("sku", "MUG", "name", "Mug", "price", "11", "currency", "EUR")).when().post("/v1/products").then().statusCode(201);
    }

    /** Two open deals (one as participant), a won one and another contact's; paid orders in two currencies and a cancelled one. */
    private String buyerWithSales(String name, int orders) {
        String contact = Seed.contact(tenant, Bodies.contact().firstName("Ana").email(name + "@acme.es"));
        String other = Seed.contact(tenant, Bodies.contact().firstName("Bob"));
        admin(tenant).body(Map.of("name", "Renewal", "amount", "100", "currency", "EUR", "contactId", contact)).when().post("/v1/deals").then().statusCode(201);
        admin(tenant).body(Map.of("name", "Upsell", "amount", "50", "currency", "EUR", "contactId", other,
                "contacts", List.of(Map.of("contactId", contact)))).when().post("/v1/deals").then().statusCode(201);
        admin(tenant).body(Map.of("name", "Bob only", "amount", "10", "currency", "EUR", "contactId", other)).when().post("/v1/deals").then().statusCode(201);
        String won = admin(tenant).body(Map.of("name", "Won", "amount", "70", "currency", "EUR", "contactId", contact)).when().post("/v1/deals")
                .then().statusCode(201).extract().path("id");
        String wonStage = admin(tenant).when().get("/v1/pipelines").then().statusCode(200).extract().jsonPath()
                .getString("data[0].stages.find { it.name == 'Won' }.id");
        admin(tenant).body(Map.of("stageId", wonStage)).when().patch("/v1/deals/{id}", won).then().statusCode(200);
        for (int i = 0; i < orders; i++) {
            admin(tenant).body(Map.of("externalId", name + "#" + i, "contactId", contact, "status", "paid", "currency", i % 2 == 0 ? "EUR" : "USD",
                    "placedAt", "2026-02-%02dT10:00:00Z".formatted(i + 1), "lines", List.of(Map.of("sku", "MUG", "quantity", 1, "unitPrice", "10.5")))).when().post("/v1/orders").then().statusCode(201);
        }
        admin(tenant).body(Map.of("externalId", name + "#cancelled", "contactId", contact, "status", "cancelled", "currency", "EUR",
                "placedAt", "2026-01-01T10:00:00Z", "lines", List.of(Map.of("sku", "MUG", "quantity", 9)))).when().post("/v1/orders").then().statusCode(201);
        return contact;
    }

    @Test
    void showsOpenDealsRecentOrdersLifetimeValueAndLeadScore() {
        mug();
        String contact = buyerWithSales("ana", 3);
        Drain.untilIdle(() -> scoring.catchUp(tenant, Instant.parse("2026-03-02T10:00:00Z")) + scoring.rescoreStep(tenant, Instant.parse("2026-03-02T10:00:00Z"), 1000));
        admin(tenant).when().get("/v1/contacts/{id}/overview", contact).then().statusCode(200)
                .body("openDeals.name", contains("Upsell", "Renewal"))
                .body("openDeals[0].status", equalTo("open"))
                .body("recentOrders.externalId", contains("ana#2", "ana#1", "ana#0", "ana#cancelled"))
                .body("recentOrders[0].total", equalTo("10.50"))
                .body("counters.lifetimeValue.find { it.currency == 'EUR' }.amount", equalTo("21.00"))
                .body("counters.lifetimeValue.find { it.currency == 'USD' }.amount", equalTo("10.50"))
                .body("counters.lifetimeValue", hasSize(2))
                .body("counters.leadScore", equalTo(admin(tenant).when().get("/v1/contacts/{id}", contact).then().extract().path("leadScore")))
                .body("counters.leadScore", org.hamcrest.Matchers.notNullValue());
        GraphQL.as(Tokens.admin(tenant), """
                query($id: ID!) { contactOverview(id: $id) {
                  openDeals { name amount currency status }
                  recentOrders { externalId total }
                  counters { lifetimeValue { amount currency } leadScore }
                } }
                """, Map.of("id", contact)).statusCode(200)
                .body("errors", nullValue())
                .body("data.contactOverview.openDeals.name", contains("Upsell", "Renewal"))
                .body("data.contactOverview.recentOrders", hasSize(4))
                .body("data.contactOverview.counters.lifetimeValue", hasSize(2));
    }

    @Test
    void aConstantNumberOfStatementsWhateverTheHistory() {
        mug();
        String small = buyerWithSales("small", 1);
        String large = buyerWithSales("large", 12);
        // a first read warms the tenant's cached policies (access, property definitions, bulk-read thresholds)
        admin(tenant).when().get("/v1/contacts/{id}/overview", small).then().statusCode(200);
        long forSmall = statements(() -> admin(tenant).when().get("/v1/contacts/{id}/overview", small).then().statusCode(200)
                .body("recentOrders", hasSize(2)));
        org.junit.jupiter.api.Assertions.assertTrue(forSmall > 0, "no statement counted, so the comparison below would prove nothing");
        assertEquals(forSmall, statements(() -> admin(tenant).when().get("/v1/contacts/{id}/overview", large).then().statusCode(200)
                .body("recentOrders", hasSize(13)).body("openDeals", hasSize(2))), "statements for 2 orders vs for 13");
    }

    /**
     * The statements Hibernate prepared for a request, the fewer of two tries: the counter is the whole server's, and a
     * background job (the usage flush, every minute) may add its own to one of them, never the same to both.
     */
    private long statements(Runnable request) {
        Statistics statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < 2; i++) {
            statistics.clear();
            request.run();
            fewest = Math.min(fewest, statistics.getPrepareStatementCount());
        }
        return fewest;
    }

    /** The counters count every open item, also past the twenty a part shows; a part that shows them all is the count. */
    @Test
    void countersCountOpenItemsPastThoseShown() {
        String many = Seed.contact(tenant, Bodies.contact().firstName("Many"));
        String few = Seed.contact(tenant, Bodies.contact().firstName("Few"));
        for (int i = 0; i < ContactOverviewService.RECENT + 2; i++) {
            admin(tenant).body(Bodies.task().title("Call " + i).contactId(many).build()).when().post("/v1/tasks").then().statusCode(201);
        }
        admin(tenant).body(Bodies.task().title("Done").status("done").contactId(many).build()).when().post("/v1/tasks").then().statusCode(201);
        for (int i = 0; i < 3; i++) {
            admin(tenant).body(Bodies.task().title("Call " + i).contactId(few).build()).when().post("/v1/tasks").then().statusCode(201);
        }
        admin(tenant).when().get("/v1/contacts/{id}/overview", many).then().statusCode(200)
                .body("openTasks", hasSize(ContactOverviewService.RECENT))
                .body("counters.openTaskCount", equalTo(ContactOverviewService.RECENT + 2))
                .body("counters.openTicketCount", equalTo(0));
        long forFew = statements(() -> admin(tenant).when().get("/v1/contacts/{id}/overview", few).then().statusCode(200)
                .body("openTasks", hasSize(3)).body("counters.openTaskCount", equalTo(3)));
        assertEquals(forFew + 1, statements(() -> admin(tenant).when().get("/v1/contacts/{id}/overview", many).then().statusCode(200)),
                "only the contact with more open tasks than shown needs a count");
    }
}
