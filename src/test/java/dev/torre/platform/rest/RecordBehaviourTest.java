package dev.torre.platform.rest;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.torre.testing.Api;
import dev.torre.testing.Problems;
import dev.torre.testing.Samples;
import dev.torre.testing.Samples.Sample;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The behaviour every record collection shares (DESIGN §3), tested once over each of them:
 * every path of the contract that creates, reads, changes, archives and restores a record.
 * The list comes from {@code openapi/openapi.yaml}, so a new record type is covered as soon
 * as it is documented, and fails here until {@link Samples} knows how to make one.
 */
@QuarkusTest
class RecordBehaviourTest {

    /** Collections of the contract with the whole record shape, in name order. */
    static Stream<String> recordCollections() throws IOException {
        JsonNode paths = new YAMLMapper().readTree(Path.of("openapi", "openapi.yaml").toFile()).path("paths");
        TreeSet<String> collections = new TreeSet<>();
        for (Iterator<String> names = paths.fieldNames(); names.hasNext();) {
            String path = names.next();
            if (path.matches("/v1/[a-z-]+") && paths.path(path).has("post") && paths.path(path).has("get")
                    && paths.path(path + "/{id}").has("get") && paths.path(path + "/{id}").has("patch")
                    && paths.path(path + "/{id}").has("delete") && paths.path(path + "/{id}/restore").has("post")) {
                collections.add(path.substring("/v1/".length()));
            }
        }
        return collections.stream();
    }

    @Test
    void theContractYieldsTheKnownRecordCollectionsAndEachHasASample() throws IOException {
        TreeSet<String> found = new TreeSet<>(recordCollections().toList());
        assertThat(found, hasItem("contacts"));
        assertEquals(new TreeSet<>(Samples.collections()), found,
                "record collections of the contract vs. testing/Samples: add a sample for a new one, drop one that left");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordCollections")
    void createAnswers201WithLocationAndAnETagThatReadAnswersAndIfNoneMatchTurnsInto304(String collection) {
        String tenant = Api.newTenant();
        Response created = create(tenant, collection, null);
        created.then().statusCode(201)
                .header("Location", endsWith("/v1/" + collection + "/" + created.path("id")))
                .header("ETag", "\"0\"");

        String id = created.path("id");
        admin(tenant).when().get("/v1/{c}/{id}", collection, id)
                .then().statusCode(200).header("ETag", created.header("ETag")).body("id", equalTo(id));
        admin(tenant).header("If-None-Match", created.header("ETag")).when().get("/v1/{c}/{id}", collection, id)
                .then().statusCode(304).header("ETag", created.header("ETag")).body(emptyString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordCollections")
    void aPatchWithTheCurrentETagChangesTheRecordAndAStaleOneIsRefusedWith412ChangingNothing(String collection) {
        String tenant = Api.newTenant();
        Sample sample = Samples.of(collection);
        Response created = create(tenant, collection, null);
        String id = created.path("id");

        String changed = patch(tenant, collection, id, created.header("ETag"), Map.of(sample.field(), sample.first()))
                .then().statusCode(200).body(sample.field(), equalTo(sample.first())).extract().header("ETag");
        assertNotEquals(created.header("ETag"), changed);

        patch(tenant, collection, id, created.header("ETag"), Map.of(sample.field(), sample.second()))
                .then().spec(Problems.problem(412));
        admin(tenant).when().get("/v1/{c}/{id}", collection, id)
                .then().statusCode(200).header("ETag", changed).body(sample.field(), equalTo(sample.first()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordCollections")
    void anArchivedRecordLeavesTheListStaysReadableAndRestoreBringsItBack(String collection) {
        String tenant = Api.newTenant();
        String id = create(tenant, collection, null).then().statusCode(201).extract().path("id");
        assertThat(listed(tenant, collection), hasItem(id));

        admin(tenant).when().delete("/v1/{c}/{id}", collection, id).then().statusCode(204);
        assertThat(listed(tenant, collection), not(hasItem(id)));
        admin(tenant).when().get("/v1/{c}/{id}", collection, id)
                .then().statusCode(200).body("id", equalTo(id)).body("archivedAt", notNullValue());

        admin(tenant).when().post("/v1/{c}/{id}/restore", collection, id)
                .then().statusCode(200).body("id", equalTo(id)).body("archivedAt", nullValue());
        assertThat(listed(tenant, collection), hasItem(id));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordCollections")
    void aCreateRepeatedWithItsIdempotencyKeyGetsTheFirstAnswerAndMakesNothingNew(String collection) {
        String tenant = Api.newTenant();
        Map<String, Object> body = Samples.of(collection).body(tenant);
        String key = "create-" + UUID.randomUUID();
        Response first = post(tenant, collection, body, key);
        first.then().statusCode(201);

        post(tenant, collection, body, key).then().statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("Location", first.header("Location"))
                .header("ETag", first.header("ETag"))
                .body("id", equalTo(first.path("id")));
        assertEquals(1, listed(tenant, collection).stream().filter(first.path("id")::equals).count());
        assertEquals(listed(tenant, collection).size(), listed(tenant, collection).stream().distinct().count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordCollections")
    void anotherTenantsTokenGets404OnReadChangeAndArchiveAndTouchesNothing(String collection) {
        String owner = Api.newTenant();
        Sample sample = Samples.of(collection);
        String id = create(owner, collection, null).then().statusCode(201).extract().path("id");
        String stranger = Tokens.admin(Api.newTenant());

        as(stranger).when().get("/v1/{c}/{id}", collection, id).then().spec(Problems.problem(404));
        as(stranger).contentType("application/merge-patch+json").body(Map.of(sample.field(), sample.first()))
                .when().patch("/v1/{c}/{id}", collection, id).then().spec(Problems.problem(404));
        as(stranger).when().delete("/v1/{c}/{id}", collection, id).then().spec(Problems.problem(404));

        admin(owner).when().get("/v1/{c}/{id}", collection, id)
                .then().statusCode(200).header("ETag", "\"0\"").body("archivedAt", nullValue())
                .body(sample.field(), not(equalTo(sample.first())));
    }

    private static Response create(String tenant, String collection, String key) {
        return post(tenant, collection, Samples.of(collection).body(tenant), key);
    }

    private static Response post(String tenant, String collection, Map<String, Object> body, String key) {
        var request = admin(tenant).body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.when().post("/v1/" + collection);
    }

    private static Response patch(String tenant, String collection, String id, String ifMatch, Map<String, Object> change) {
        return admin(tenant).contentType("application/merge-patch+json").header("If-Match", ifMatch).body(change)
                .when().patch("/v1/{c}/{id}", collection, id);
    }

    private static java.util.List<String> listed(String tenant, String collection) {
        return admin(tenant).queryParam("limit", 200).when().get("/v1/" + collection).then().statusCode(200)
                .extract().path("data.id");
    }
}
