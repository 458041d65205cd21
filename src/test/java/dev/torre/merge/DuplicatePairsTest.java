package dev.torre.merge;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.Drain;
import dev.torre.testing.Problems;
import dev.torre.testing.Seed;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** The tenant's duplicate pairs, kept current from the event log by the duplicate worker; dismissing a pair keeps it out. */
@QuarkusTest
class DuplicatePairsTest {

    private final String tenant = newTenant();

    @Inject
    DuplicateWorker worker;

    @Test
    void aWriteThatCreatesOrRemovesALikelyDuplicateShowsAfterTheWorkersPass() {
        String a = Seed.contact(tenant, Bodies.contact().firstName("Lucía").lastName("Martín").email("lucia@x.es").build());
        String b = Seed.contact(tenant, Bodies.contact().firstName("Lucia").lastName("Martin").build());
        assertPairs().body("", empty()); // not yet read from the log
        Drain.untilIdle(() -> worker.catchUp(tenant));
        String[] ids = a.compareTo(b) < 0 ? new String[] { a, b } : new String[] { b, a };
        assertPairs().body("", hasSize(1)).body("[0].id", equalTo(ids[0])).body("[0].otherId", equalTo(ids[1]))
                .body("[0].signals", contains("name")).body("[0].pairId", notNullValue());

        admin(tenant).contentType("application/merge-patch+json").body(Map.of("firstName", "Pilar", "lastName", "Sanz"))
                .when().patch("/v1/contacts/{id}", b).then().statusCode(200);
        Drain.untilIdle(() -> worker.catchUp(tenant));
        assertPairs().body("", empty());

        admin(tenant).contentType("application/merge-patch+json").body(Map.of("email", "LUCIA+b@x.es"))
                .when().patch("/v1/contacts/{id}", b).then().statusCode(200);
        Drain.untilIdle(() -> worker.catchUp(tenant));
        assertPairs().body("[0].signals", contains("email"));
    }

    /** The worker skips an update that leaves the look-alike fields alone: the pair is not scored again (its id stays). */
    @Test
    void anUpdateOfOtherFieldsLeavesThePairsAsTheyAre() {
        Seed.contact(tenant, Bodies.contact().firstName("Lucía").lastName("Martín").email("lucia@x.es").build());
        String b = Seed.contact(tenant, Bodies.contact().firstName("Lucia").lastName("Martin").build());
        Drain.untilIdle(() -> worker.catchUp(tenant));
        String pairId = assertPairs().body("", hasSize(1)).extract().path("[0].pairId");

        admin(tenant).contentType("application/merge-patch+json").body(Map.of("lifecycleStage", "customer", "tags", java.util.List.of("vip")))
                .when().patch("/v1/contacts/{id}", b).then().statusCode(200);
        Drain.untilIdle(() -> worker.catchUp(tenant));
        assertPairs().body("", hasSize(1)).body("[0].pairId", equalTo(pairId));

        admin(tenant).contentType("application/merge-patch+json").body(Map.of("phone", "+34 600 123 456"))
                .when().patch("/v1/contacts/{id}", b).then().statusCode(200);
        Drain.untilIdle(() -> worker.catchUp(tenant));
        assertPairs().body("", hasSize(1)).body("[0].pairId", org.hamcrest.Matchers.not(equalTo(pairId)));
    }

    @Test
    void mergedAndArchivedRecordsDropOut() {
        String a = Seed.contact(tenant, Bodies.contact().email("pablo@x.es").build());
        String b = Seed.contact(tenant, Bodies.contact().email("pablo+1@x.es").build());
        String c = Seed.company(tenant, Bodies.company().name("Gamma").domain("gamma.es").build());
        String d = Seed.company(tenant, Bodies.company().name("Gamma Sur").domain("www.gamma.es").build());
        Drain.untilIdle(() -> worker.catchUp(tenant));
        assertPairs().body("", hasSize(1));
        admin(tenant).queryParam("objectType", "company").when().get("/v1/duplicates").then().statusCode(200).body("", hasSize(1));

        admin(tenant).body(Map.of("mergeIds", java.util.List.of(b))).when().post("/v1/contacts/{id}/merge", a).then().statusCode(200);
        admin(tenant).when().delete("/v1/companies/{id}", d).then().statusCode(204);
        Drain.untilIdle(() -> worker.catchUp(tenant));
        assertPairs().body("", empty());
        admin(tenant).queryParam("objectType", "company").when().get("/v1/duplicates").then().statusCode(200).body("", empty());
        admin(tenant).when().get("/v1/companies/{id}", c).then().statusCode(200);
    }

    @Test
    void aDismissedPairStaysOutWhateverLaterWritesDo() {
        String a = Seed.contact(tenant, Bodies.contact().phone("+34611111111").firstName("Eva").build());
        Seed.contact(tenant, Bodies.contact().phone("+34611111111").firstName("Juan").build());
        Drain.untilIdle(() -> worker.catchUp(tenant));
        String pair = assertPairs().body("", hasSize(1)).extract().path("[0].pairId");

        admin(newTenant()).when().post("/v1/duplicates/{id}/dismiss", pair).then().spec(Problems.problem(404));
        dev.torre.testing.Api.as(Tokens.readonly(tenant)).when().post("/v1/duplicates/{id}/dismiss", pair).then().spec(Problems.problem(403));
        admin(tenant).when().post("/v1/duplicates/{id}/dismiss", pair).then().statusCode(200)
                .body("pairId", equalTo(pair)).body("dismissedAt", notNullValue());
        assertPairs().body("", empty());

        admin(tenant).contentType("application/merge-patch+json").body(Map.of("lastName", "Otero"))
                .when().patch("/v1/contacts/{id}", a).then().statusCode(200);
        Drain.untilIdle(() -> worker.catchUp(tenant));
        assertPairs().body("", empty());
        admin(tenant).when().post("/v1/duplicates/{id}/dismiss", pair).then().statusCode(200);
    }

    private io.restassured.response.ValidatableResponse assertPairs() {
        return admin(tenant).queryParam("objectType", "contact").when().get("/v1/duplicates").then().statusCode(200);
    }
}
