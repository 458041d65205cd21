package dev.torre.privacy;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Erasing a contact reaches the deals, orders, tickets and tasks that point at them: those
 * records stay (a sale is still a sale) with their codes, amounts and links, but lose every
 * free-text value, and the events about them lose their payload. Another person's records
 * are left as they were.
 */
@QuarkusTest
class ErasureOfLinkedRecordsTest {

    private final String tenant = newTenant();
    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private final String first = "Zuriñe" + tag;
    private final String last = "Etxeberria" + tag;
    private final String email = "zurine-" + tag + "@example.org";

    @Test
    void theDealOrderTicketAndTaskOfAnErasedContactKeepTheirCodesAndLoseTheirText() {
        String contact = Seed.contact(tenant, Bodies.contact().firstName(first).lastName(last).email(email).build());
        String deal = create("deals", Bodies.deal().name("Renewal for " + last).amount("100.00", "EUR").contactId(contact)
                .with("source", "referred by " + first).externalId("deal-" + tag).build());
        admin(tenant).body(Bodies.product().sku("MUG-" + tag).name("Mug").price("10.00", "EUR").build()).when().post("/v1/products")
                .then().statusCode(201);
        String order = create("orders", Bodies.order().contactId(contact).currency("EUR").line("MUG-" + tag, 2).externalId("ord-" + tag)
                .with("source", "shop of " + last).build());
        String ticket = create("tickets", Bodies.ticket().subject(first + " cannot log in").description("Write to " + email)
                .priority("high").contactId(contact).tags(last).externalId("tkt-" + tag).build());
        String task = create("tasks", Bodies.task().title("Call " + first + " " + last).with("description", email).contactId(contact).build());
        String other = Seed.contact(tenant, "Bea", "Ruiz");
        String othersDeal = create("deals", Bodies.deal().name("Renewal for " + last).contactId(other).build());

        admin(tenant).body(Map.of("type", "erasure", "contactId", contact)).when().post("/v1/privacy/requests")
                .then().statusCode(202).body("state", equalTo("completed"));

        admin(tenant).when().get("/v1/deals/" + deal).then().statusCode(200)
                .body("name", equalTo("[erased]")).body("source", nullValue()).body("externalId", nullValue())
                .body("amount", equalTo("100.00")).body("currency", equalTo("EUR")).body("contactId", equalTo(contact));
        admin(tenant).when().get("/v1/orders/" + order).then().statusCode(200)
                .body("externalId", nullValue()).body("source", nullValue())
                .body("status", equalTo("pending")).body("total", equalTo("20.00")).body("contactId", equalTo(contact));
        admin(tenant).when().get("/v1/tickets/" + ticket).then().statusCode(200)
                .body("subject", equalTo("[erased]")).body("description", nullValue()).body("tags", empty())
                .body("externalId", nullValue()).body("priority", equalTo("high")).body("contactId", equalTo(contact));
        admin(tenant).when().get("/v1/tasks/" + task).then().statusCode(200)
                .body("title", equalTo("[erased]")).body("description", nullValue())
                .body("status", equalTo("open")).body("contactId", equalTo(contact));

        for (String id : new String[] { deal, order, ticket, task }) {
            admin(tenant).queryParam("limit", 1000).when().get("/v1/events").then().statusCode(200)
                    .body("data.findAll { it.entityId == '" + id + "' }", not(empty()))
                    .body("data.findAll { it.entityId == '" + id + "' }.payload", everyItem(equalTo(Map.of("erased", true))));
        }
        admin(tenant).when().get("/v1/deals/" + othersDeal).then().body("name", equalTo("Renewal for " + last));
    }

    private String create(String collection, Map<String, Object> body) {
        return Seed.create(tenant, collection, body);
    }
}
