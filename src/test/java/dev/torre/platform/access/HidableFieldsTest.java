package dev.torre.platform.access;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.graphql.Type;
import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.Seed;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The fields a policy may hide are derived from each type's view and input: every written field the view shows,
 * except the few a type keeps visible. A field added later (a contact's time zone) is hidable without being listed.
 */
@QuarkusTest
class HidableFieldsTest {

    private final String tenant = newTenant();

    @Test
    @SuppressWarnings("unchecked")
    void eachTypeOffersItsWrittenFieldsExceptTheOnesItKeepsVisible() {
        List<Map<String, Object>> types = admin(tenant).when().get("/v1/access-policy").then().statusCode(200)
                .extract().jsonPath().getList("objectTypes");
        Map<String, Set<String>> fields = new HashMap<>();
        types.forEach(t -> fields.put((String) t.get("name"), Set.copyOf((List<String>) t.get("fields"))));
        assertEquals(Set.of("firstName", "lastName", "email", "phone", "companyId",
                "lifecycleStage", "ownerId", "source", "tags", "externalId", "properties", "timeZone"), fields.get("contact"));
        assertEquals(Set.of("name", "domain", "industry", "sizeBand", "tier",
                "externalId", "properties"), fields.get("company"));
        assertEquals(Set.of("name", "amount", "currency", "probability",
                "expectedCloseDate", "ownerId", "contactId", "companyId", "source", "lostReason", "externalId", "properties"), fields.get("deal"));
        assertEquals(Set.of("title", "description", "dueAt", "assigneeId", "priority",
                "contactId", "companyId", "dealId", "ticketId", "externalId"), fields.get("task"));
        assertEquals(Set.of("externalId", "contactId", "companyId", "status",
                "currency", "lines", "total", "placedAt", "source"), fields.get("order"));
        assertEquals(Set.of("sku", "name", "price", "currency", "category",
                "externalId"), fields.get("product"));
        assertEquals(Set.of("subject", "description", "priority", "channel",
                "contactId", "companyId", "assigneeId", "tags", "externalId", "properties", "csatScore", "csatComment"), fields.get("ticket"));
        assertEquals(Set.of("purpose", "subject", "body", "fromAddress",
                "toAddress", "durationSeconds", "recordingUrl", "pageUrl", "sentiment", "externalMessageId", "properties"), fields.get("interaction"));
    }

    @Test
    void aContactsTimeZoneCanBeHiddenLikeAnyWrittenField() {
        String contact = Seed.contact(tenant, Bodies.contact().firstName("Lena").lastName("Kaur").with("timeZone", "Asia/Kolkata").build());
        String sales = Tokens.of(tenant, "sales", null);
        as(sales).when().get("/v1/contacts/" + contact).then().statusCode(200).body("timeZone", equalTo("Asia/Kolkata"));

        admin(tenant).body(Map.of("read", true, "write", true, "hiddenFields", List.of("timeZone")))
                .when().put("/v1/access-policy/sales/contact").then().statusCode(200);

        as(sales).when().get("/v1/contacts/" + contact).then().statusCode(200)
                .body("$", not(hasKey("timeZone"))).body("firstName", equalTo("Lena"));
        as(sales).queryParam("filter", "timeZone eq \"Asia/Kolkata\"").when().get("/v1/contacts").then().spec(problem(400));
        admin(tenant).when().get("/v1/contacts/" + contact).then().body("timeZone", equalTo("Asia/Kolkata"));
    }

    @Type("Sample")
    record SampleView(String id, String name, String status) {
    }

    record SampleInput(String name, String status) {
    }

    @Test
    void keepingVisibleAFieldTheViewDoesNotShowIsAMistakeCaughtAtStart() {
        assertEquals(List.of("name"), GuardedType.of("sample", "samples", SampleView.class, SampleInput.class,
                Set.of("status"), Set.of(), Map.of()).fields());
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> GuardedType.of("sample",
                "samples", SampleView.class, SampleInput.class, Set.of("state"), Set.of(), Map.of()));
        assertTrue(wrong.getMessage().contains("state"), wrong.getMessage());
    }
}
