package dev.torre.contact;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.etag;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;

/** DELETE archives a contact: it leaves lists and search, stays readable, and can be restored. */
@QuarkusTest
class ContactArchiveTest {

    private final String tenant = newTenant();

    @Test
    void archivingAnswersNoContentAndTheContactStaysReadableWithArchivedAt() {
        String id = Seed.contact(tenant, "Ana", "Ruiz");

        admin(tenant).when().delete("/v1/contacts/{id}", id).then().statusCode(204);

        admin(tenant).when().get("/v1/contacts/{id}", id)
                .then().statusCode(200).body("archivedAt", notNullValue()).body("lastName", equalTo("Ruiz"));
    }

    @Test
    void anArchivedContactLeavesListsAndSearch() {
        String ana = Seed.contact(tenant, "Ana", "Ruiz");
        String bea = Seed.contact(tenant, "Bea", "Ruiz");

        admin(tenant).when().delete("/v1/contacts/{id}", ana).then().statusCode(204);

        assertThat(Seed.ids(tenant, "contacts"), contains(bea));
        admin(tenant).body(Bodies.search().q("ruiz").build()).when().post("/v1/contacts/search")
                .then().statusCode(200).body("data.id", contains(bea));
    }

    @Test
    void archivingTwiceIsFineAndRecordsOneEvent() {
        String id = Seed.contact(tenant, "Ana", "Ruiz");

        admin(tenant).when().delete("/v1/contacts/{id}", id).then().statusCode(204);
        admin(tenant).when().delete("/v1/contacts/{id}", id).then().statusCode(204);

        List<String> types = admin(tenant).when().get("/v1/events").then().extract().path("data.type");
        assertThat(types, contains("contact.created", "contact.archived"));
    }

    @Test
    void anArchivedContactCannotBeChanged() {
        String id = Seed.contact(tenant, "Ana", "Ruiz");
        admin(tenant).when().delete("/v1/contacts/{id}", id).then().statusCode(204);

        admin(tenant).body(Bodies.contact().lastName("Vidal").build()).when().patch("/v1/contacts/{id}", id)
                .then().spec(problem(409));
        admin(tenant).when().get("/v1/contacts/{id}", id).then().body("lastName", equalTo("Ruiz"));
    }

    @Test
    void restoringBringsTheContactBackToListsAndChanges() {
        String id = Seed.contact(tenant, "Ana", "Ruiz");
        admin(tenant).when().delete("/v1/contacts/{id}", id).then().statusCode(204);

        admin(tenant).when().post("/v1/contacts/{id}/restore", id)
                .then().statusCode(200).body("archivedAt", nullValue()).body("id", equalTo(id));

        assertThat(Seed.ids(tenant, "contacts"), contains(id));
        admin(tenant).body(Bodies.contact().lastName("Vidal").build()).when().patch("/v1/contacts/{id}", id)
                .then().statusCode(200).body("lastName", equalTo("Vidal"));
    }

    @Test
    void restoringAnActiveContactChangesNothing() {
        String id = Seed.contact(tenant, "Ana", "Ruiz");

        admin(tenant).when().post("/v1/contacts/{id}/restore", id)
                .then().statusCode(200).header("ETag", etag(0)).body("archivedAt", nullValue());
        List<String> types = admin(tenant).when().get("/v1/events").then().extract().path("data.type");
        assertThat(types, not(hasItem("contact.restored")));
    }

    @Test
    void theEmailOfAnArchivedContactCanBeUsedAgain() {
        String old = Seed.contactWithEmail(tenant, "ana@acme.es");
        admin(tenant).when().delete("/v1/contacts/{id}", old).then().statusCode(204);

        admin(tenant).body(Bodies.contact().email("ana@acme.es").build()).when().post("/v1/contacts")
                .then().statusCode(201).body("email", equalTo("ana@acme.es"));
    }

    @Test
    void restoringIsRefusedWhileAnotherContactHasTakenTheEmail() {
        String old = Seed.contactWithEmail(tenant, "ana@acme.es");
        admin(tenant).when().delete("/v1/contacts/{id}", old).then().statusCode(204);
        Seed.contactWithEmail(tenant, "ana@acme.es");

        admin(tenant).when().post("/v1/contacts/{id}/restore", old)
                .then().spec(problem(409)).body("errors[0].field", equalTo("email"));
        admin(tenant).when().get("/v1/contacts/{id}", old).then().body("archivedAt", notNullValue());
    }

    @Test
    void archivingOrRestoringAnUnknownContactAnswersNotFound() {
        String unknown = "01900000-0000-7000-8000-000000000000";

        admin(tenant).when().delete("/v1/contacts/{id}", unknown).then().spec(problem(404));
        admin(tenant).when().post("/v1/contacts/{id}/restore", unknown).then().spec(problem(404));
        assertThat(Seed.ids(tenant, "contacts"), empty());
    }
}
