package dev.torre.contact;

import static dev.torre.testing.Api.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.torre.platform.tenancy.TenantContext;
import dev.torre.testing.Api;
import dev.torre.testing.Seed;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Scores live beside the contact row (contact_derived), not in it: a stored score still moves the contact's ETag,
 * If-Match still refuses a change made over a stale score, and lists sort and filter by score, across pages and
 * ties, as they did when the score was a column of the contact.
 */
@QuarkusTest
class ContactScoreReadsTest {

    @Inject
    ContactScoreService scores;

    private final String tenant = Api.newTenant();

    @Test
    void aStoredScoreMovesTheETagAndAStaleETagIsRefusedByIfMatch() {
        String contact = Seed.contact(tenant, "{\"firstName\":\"Vera\"}");
        String before = admin(tenant).when().get("/v1/contacts/{id}", contact).then().statusCode(200).extract().header("ETag");

        store(Map.of(contact, 42), Map.of(contact, "0.3100"));

        JsonPath after = admin(tenant).header("If-None-Match", before).when().get("/v1/contacts/{id}", contact)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(42, after.getInt("leadScore"));
        assertEquals(0.31f, after.getFloat("churnRisk"));
        String etag = admin(tenant).when().get("/v1/contacts/{id}", contact).then().extract().header("ETag");
        assertNotEquals(before, etag);
        assertEquals("\"" + after.getLong("version") + "\"", etag, "the body's version is the ETag");

        admin(tenant).header("If-Match", before).contentType("application/merge-patch+json").body("{\"lastName\":\"Ruiz\"}")
                .when().patch("/v1/contacts/{id}", contact).then().statusCode(412);
        String patched = admin(tenant).header("If-Match", etag).contentType("application/merge-patch+json")
                .body("{\"lastName\":\"Ruiz\"}").when().patch("/v1/contacts/{id}", contact).then().statusCode(200)
                .extract().header("ETag");
        assertEquals(patched, admin(tenant).when().get("/v1/contacts/{id}", contact).then().extract().header("ETag"),
                "a change answers the ETag a read then shows");

        store(Map.of(contact, 42), Map.of()); // the same score again is no change
        admin(tenant).header("If-None-Match", patched).when().get("/v1/contacts/{id}", contact).then().statusCode(304);
    }

    @Test
    void aLeadScoreSortPagesThroughTiesAndUnscoredContactsAndAFilterNarrowsIt() {
        int[] values = { 50, 70, 50, 10, 50, 70, 90 };
        Map<String, Integer> scored = new java.util.LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            scored.put(Seed.contact(tenant, "{\"firstName\":\"P" + i + "\"}"), values[i]);
        }
        List<String> unscored = List.of(Seed.contact(tenant, "{\"firstName\":\"U1\"}"), Seed.contact(tenant, "{\"firstName\":\"U2\"}"));
        store(scored, Map.of());

        // descending: no score first (null is the greatest value), then high to low; ties by id
        List<String> expected = new ArrayList<>(unscored.stream().sorted().toList());
        scored.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> expected.add(e.getKey()));
        assertEquals(expected, pages("-leadScore", null));

        List<String> atLeast50 = expected.stream().filter(id -> scored.getOrDefault(id, -1) >= 50).toList();
        assertEquals(6, atLeast50.size());
        assertEquals(atLeast50, pages("-leadScore", "leadScore ge 50"));
    }

    @Test
    void aListThatNamesNoScoreShowsEachRowsScoresAndVersionInItsOwnOrder() {
        String a = Seed.contact(tenant, "{\"firstName\":\"Ana\"}");
        String b = Seed.contact(tenant, "{\"firstName\":\"Bea\"}");
        String c = Seed.contact(tenant, "{\"firstName\":\"Cia\"}");
        store(Map.of(a, 15, c, 80), Map.of(c, "0.5000"));
        store(Map.of(c, 81), Map.of()); // c's scores changed twice: its shown version is ahead of its row's

        List<Map<String, Object>> listed = new ArrayList<>();
        String cursor = null;
        do { // sorted by a field of the contact's own, two per page: the scores are read for each page's rows
            var request = admin(tenant).queryParam("sort", "-firstName").queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get("/v1/contacts").then().statusCode(200).extract().jsonPath();
            listed.addAll(page.getList("data"));
            cursor = page.getString("next");
        } while (cursor != null);

        assertEquals(List.of(c, b, a), listed.stream().map(m -> m.get("id")).toList());
        assertEquals(java.util.Arrays.asList(81, null, 15), listed.stream().map(m -> m.get("leadScore")).toList());
        assertEquals(0.5f, ((Number) listed.get(0).get("churnRisk")).floatValue());
        for (Map<String, Object> item : listed) {
            String etag = admin(tenant).when().get("/v1/contacts/{id}", item.get("id")).then().extract().header("ETag");
            assertEquals(etag, "\"" + item.get("version") + "\"", "a listed contact shows the version its ETag is");
        }
    }

    /** Every id of the list, read two per page. */
    private List<String> pages(String sort, String filter) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            var request = admin(tenant).queryParam("sort", sort).queryParam("limit", 2);
            if (filter != null) {
                request.queryParam("filter", filter);
            }
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get("/v1/contacts").then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("data.id"));
            cursor = page.getString("next");
        } while (cursor != null);
        return ids;
    }

    /** Stores scores the way scoring does, in one transaction of the tenant. */
    private void store(Map<String, Integer> leadScores, Map<String, String> churnRisks) {
        var context = Arc.container().requestContext();
        context.activate();
        try {
            TenantContext.callAs(tenant, () -> QuarkusTransaction.requiringNew().call(() -> {
                scores.storeLeadScores(leadScores.keySet().stream().map(UUID::fromString).toArray(UUID[]::new),
                        leadScores.values().toArray(Integer[]::new));
                scores.storeChurnRisks(churnRisks.keySet().stream().map(UUID::fromString).toArray(UUID[]::new),
                        churnRisks.values().stream().map(java.math.BigDecimal::new).toArray(java.math.BigDecimal[]::new));
                return null;
            }));
        } finally {
            context.terminate();
        }
    }
}
