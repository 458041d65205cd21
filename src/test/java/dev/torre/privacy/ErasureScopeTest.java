package dev.torre.privacy;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Erasure reaches exactly the person: the rows that point at them lose all their free text,
 * whatever the column type, while other people who share a name (or a company named like them)
 * keep every word; a name equal to a consent value does not stop it; their portal tokens stop.
 */
@QuarkusTest
class ErasureScopeTest {

    private final String tenant = newTenant();

    @Test
    void erasingAnaLopezTouchesNoOtherAnaNorLopezHermanos() {
        String company = Seed.company(tenant, Bodies.company().name("Lopez Hermanos").build());
        String ana = Seed.contact(tenant, Bodies.contact().firstName("Ana").lastName("Lopez").email("ana.lopez@example.org")
                .companyId(company).build());
        String other = Seed.contact(tenant, Bodies.contact().firstName("Ana").lastName("Ruiz").email("ana.ruiz@example.org")
                .properties(Map.of("note", "Ana Lopez's colleague")).build());
        String call = interaction(ana, "Ana Lopez — baja maternal", "https://rec.example.org/ana-lopez.mp3", "msg-ana-1");
        String otherCall = interaction(other, "Ana Ruiz asked about Ana Lopez", "https://rec.example.org/ruiz.mp3", "msg-ruiz-1");
        String ticket = admin(tenant).body(Map.of("subject", "Ana Lopez: embarazo de riesgo", "description", "Llamar a Ana Lopez",
                "contactId", ana, "tags", List.of("salud"), "externalId", "zd-ana")).when().post("/v1/tickets").then().statusCode(201)
                .extract().path("id");
        String task = admin(tenant).body(Map.of("title", "Visitar a Ana Lopez en el hospital", "description", "Planta 3",
                "contactId", ana)).when().post("/v1/tasks").then().statusCode(201).extract().path("id");
        admin(tenant).body(Map.of("sku", "CUNA", "name", "Cuna", "price", "100", "currency", "EUR")).when().post("/v1/products")
                .then().statusCode(201);
        String order = admin(tenant).body(Map.of("externalId", "#ana-1", "contactId", ana, "currency", "EUR", "source", "tienda de Ana Lopez",
                "lines", List.of(Map.of("sku", "CUNA", "quantity", 1)))).when().post("/v1/orders").then().statusCode(201).extract().path("id");
        String deal = admin(tenant).body(Map.of("name", "Ana Lopez — seguro de maternidad", "contactId", ana,
                "properties", Map.of("diagnosis", "gestational diabetes"))).when().post("/v1/deals").then().statusCode(201)
                .extract().path("id");

        admin(tenant).body(Map.of("type", "erasure", "contactId", ana)).when().post("/v1/privacy/requests")
                .then().statusCode(202).body("state", equalTo("completed"));

        // other people's rows keep every word
        admin(tenant).when().get("/v1/contacts/" + other).then().body("firstName", equalTo("Ana")).body("lastName", equalTo("Ruiz"))
                .body("properties.note", equalTo("Ana Lopez's colleague"));
        admin(tenant).when().get("/v1/companies/" + company).then().body("name", equalTo("Lopez Hermanos"));
        admin(tenant).when().get("/v1/interactions/" + otherCall).then().body("subject", equalTo("Ana Ruiz asked about Ana Lopez"))
                .body("recordingUrl", equalTo("https://rec.example.org/ruiz.mp3"));
        // the person's rows lose their free text, whatever the column type
        admin(tenant).when().get("/v1/interactions/" + call).then().statusCode(200).body("subject", nullValue()).body("body", nullValue())
                .body("recordingUrl", nullValue()).body("externalMessageId", nullValue()).body("properties", anEmptyMap())
                .body("type", equalTo("call"));
        admin(tenant).when().get("/v1/tickets/" + ticket).then().statusCode(200).body("subject", not(containsString("Ana")))
                .body("subject", not(containsString("embarazo"))).body("description", nullValue()).body("tags", empty())
                .body("externalId", nullValue());
        admin(tenant).when().get("/v1/tasks/" + task).then().statusCode(200).body("title", not(containsString("hospital")))
                .body("description", nullValue());
        admin(tenant).when().get("/v1/orders/" + order).then().statusCode(200).body("source", nullValue()).body("externalId", nullValue())
                .body("status", equalTo("pending"));
        admin(tenant).when().get("/v1/deals/" + deal).then().statusCode(200).body("name", not(containsString("maternidad")))
                .body("properties", anEmptyMap());
        // and the events about those rows keep none of it
        admin(tenant).queryParam("limit", 200).when().get("/v1/events").then().statusCode(200)
                .body(not(containsString("maternal"))).body(not(containsString("hospital"))).body(not(containsString("diabetes")))
                .body(containsString("Ana Ruiz asked about Ana Lopez"));
    }

    @Test
    void aLastNameEqualToAConsentValueDoesNotStopTheErasure() {
        for (String name : List.of("email", "granted", "marketing", "consent")) {
            String id = Seed.contact(tenant, Bodies.contact().firstName(name).lastName(name).build());
            admin(tenant).body(Map.of("purpose", "marketing", "channel", "email", "status", "granted", "lawfulBasis", "consent",
                    "source", "web_form", "proof", Map.of("wordingVersion", "v1"))).when().post("/v1/contacts/" + id + "/consents")
                    .then().statusCode(201);

            admin(tenant).body(Map.of("type", "erasure", "contactId", id)).when().post("/v1/privacy/requests")
                    .then().statusCode(202).body("state", equalTo("completed"));

            admin(tenant).when().get("/v1/contacts/" + id).then().body("lastName", nullValue());
            admin(tenant).when().get("/v1/contacts/" + id + "/consents/history").then().body("data", hasSize(1))
                    .body("data[0].channel", equalTo("email")).body("data[0].status", equalTo("granted"))
                    .body("data[0].purpose", equalTo("marketing"));
        }
    }

    @Test
    void portalTokensStopWorkingOnceTheContactIsErasedOrArchived() {
        String erased = Seed.contact(tenant, Bodies.contact().firstName("Eva").email("eva@example.org").build());
        String archived = Seed.contact(tenant, Bodies.contact().firstName("Aro").email("aro@example.org").build());
        String erasedToken = token(erased);
        String archivedToken = token(archived);
        as(erasedToken).when().get("/v1/me/profile").then().statusCode(200);
        as(archivedToken).when().get("/v1/me/profile").then().statusCode(200);

        admin(tenant).body(Map.of("type", "erasure", "contactId", erased)).when().post("/v1/privacy/requests").then().statusCode(202);
        admin(tenant).when().delete("/v1/contacts/" + archived).then().statusCode(204);

        for (String token : List.of(erasedToken, archivedToken)) {
            as(token).when().get("/v1/me/profile").then().spec(problem(401));
            as(token).when().get("/v1/me/preferences").then().spec(problem(401));
            as(token).when().get("/v1/me/data-export").then().spec(problem(401));
            as(token).body(List.of(Map.of("purpose", "analytics", "channel", "all", "status", "granted"))).when()
                    .post("/v1/me/preferences").then().spec(problem(401));
            as(token).body(Map.of("firstName", "Back")).when().patch("/v1/me/profile").then().spec(problem(401));
        }
        admin(tenant).when().get("/v1/contacts/" + archived + "/consents/history").then().body("data", hasSize(0));
        admin(tenant).when().post("/v1/contacts/" + archived + "/portal-tokens").then().spec(problem(409));
    }

    private String token(String contact) {
        return admin(tenant).when().post("/v1/contacts/" + contact + "/portal-tokens").then().statusCode(201).extract().path("token");
    }

    private String interaction(String contact, String subject, String recording, String messageId) {
        return admin(tenant).body(Map.of("type", "call", "direction", "inbound", "occurredAt", "2026-03-02T10:00:00Z", "subject", subject,
                "body", "Notas: " + subject, "recordingUrl", recording, "externalMessageId", messageId, "contactId", contact,
                "properties", Map.of("topic", subject))).when().post("/v1/interactions").then().statusCode(201).extract().path("id");
    }
}
