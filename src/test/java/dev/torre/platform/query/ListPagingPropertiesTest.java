package dev.torre.platform.query;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Theories.below;
import static dev.torre.testing.Theories.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import dev.torre.testing.Theories;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The real list endpoint against PostgreSQL, with generated sorts, page sizes and filters: paging visits every
 * matching row exactly once, and any generated filter is answered 200 or a 400 problem, never a 5xx.
 */
@QuarkusTest
class ListPagingPropertiesTest {

    private static final String[] SORTABLE = { "firstName", "lastName", "email", "lifecycleStage", "externalId", "createdAt",
            "updatedAt", "leadScore", "id" };
    private static final String[] FILTERS = { null, "lifecycleStage eq \"lead\"", "lastName pr", "not (email ew \"@b.es\")",
            "(lastName eq \"Ruiz\") or (firstName sw \"a\")", "tags eq \"vip\"" };
    private static final String[] PATHS = { "firstName", "lastName", "email", "lifecycleStage", "tags", "leadScore", "createdAt",
            "companyId", "externalId", "source.utmCampaign", "properties.shoe", "consent.marketing.email", "noSuchField" };

    /** One tenant with its contacts for the whole class, seeded by the first test that needs it. */
    private static String tenant;

    private static synchronized void seed() {
        if (tenant != null) {
            return;
        }
        tenant = newTenant();
        String[] first = { "Ana", "ana", "Luis", "Zoe", null };
        String[] last = { "Ruiz", "Núñez", "ruiz", null };
        String[] stage = { "lead", "customer", "subscriber" };
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            Map<String, Object> item = new HashMap<>();
            item.put("externalId", "p-" + (i % 7 == 0 ? "same-" : "") + i);
            item.put("firstName", first[i % first.length]);
            item.put("lastName", last[i % last.length]);
            item.put("email", i % 3 == 0 ? null : "c" + (i % 5) + i + (i % 2 == 0 ? "@b.es" : "@a.es"));
            item.put("lifecycleStage", stage[i % stage.length]);
            item.put("tags", i % 4 == 0 ? List.of("vip") : List.of());
            items.add(item);
        }
        admin(tenant).body(Map.of("matchOn", "externalId", "items", items)).when().post("/v1/contacts/batch/upsert")
                .then().statusCode(200);
    }

    private record Walk(String sort, int limit, String filter) {
    }

    private static final Gen<Walk> WALKS = in -> {
        List<String> keys = new ArrayList<>();
        for (int i = below(in, 3); i >= 0; i--) {
            String key = oneOf(in, SORTABLE);
            if (keys.stream().noneMatch(k -> k.replace("-", "").equals(key))) {
                keys.add(below(in, 2) == 0 ? key : "-" + key);
            }
        }
        return new Walk(String.join(",", keys), 1 + below(in, 7), oneOf(in, FILTERS));
    };

    @Test
    void pagingVisitsEveryMatchingRowExactlyOnce() {
        seed();
        Theories.qt(20).forAll(WALKS).checkAssert(walk -> {
            Set<String> expected = new HashSet<>(page(walk.filter(), null, 200, null).jsonPath().getList("data.id"));
            List<String> visited = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                Response page = page(walk.filter(), walk.sort(), walk.limit(), cursor);
                List<String> ids = page.jsonPath().getList("data.id");
                assertTrue(ids.size() <= walk.limit(), walk + ": page of " + ids.size());
                visited.addAll(ids);
                cursor = page.jsonPath().getString("next");
                assertTrue(++pages <= 30, walk + ": too many pages");
            } while (cursor != null);
            assertEquals(visited.size(), new LinkedHashSet<>(visited).size(), walk + ": a row visited twice: " + visited);
            assertEquals(expected, new HashSet<>(visited), walk.toString());
        });
    }

    @Test
    void anyGeneratedFilterIsAnsweredOrRefusedWith400() {
        seed();
        Gen<String> filters = in -> {
            StringBuilder text = new StringBuilder();
            for (int i = below(in, 3); i >= 0; i--) {
                if (i < below(in, 3)) {
                    text.append(oneOf(in, " and ", " or ", " and not ", " or ("));
                }
                text.append(oneOf(in, PATHS)).append(' ').append(oneOf(in, "eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le", "pr"));
                text.append(' ').append(oneOf(in, "\"lead\"", "\"Ruiz\"", "\"\"", "12", "-1.5e3", "true", "null", "\"now-7d\"",
                        "\"2026-01-01T00:00:00Z\"", "\"granted\"", "\"0190c5d2-7e0c-7a3b-9f1e-2b4c6d8e0f12\"", "\"%_\\\\\"", "\"\\u0000\""));
            }
            return text.toString().replace(" pr \"", " pr and lastName eq \"");
        };
        Theories.qt(25).forAll(filters).checkAssert(filter -> {
            Response answer = admin(tenant).queryParam("filter", filter).queryParam("limit", 5).when().get("/v1/contacts");
            assertTrue(answer.statusCode() == 200 || answer.statusCode() == 400, filter + " -> " + answer.statusCode() + " " + answer.asString());
            if (answer.statusCode() == 400) {
                assertEquals("application/problem+json", answer.contentType().split(";")[0], filter);
                assertEquals("filter", answer.jsonPath().getString("errors[0].field"), filter + " -> " + answer.asString());
            }
        });
    }

    private Response page(String filter, String sort, int limit, String cursor) {
        var request = admin(tenant).queryParam("limit", limit);
        if (filter != null) {
            request.queryParam("filter", filter);
        }
        if (sort != null && !sort.isEmpty()) {
            request.queryParam("sort", sort);
        }
        if (cursor != null) {
            request.queryParam("cursor", cursor);
        }
        Response answer = request.when().get("/v1/contacts");
        assertEquals(200, answer.statusCode(), answer.asString());
        return answer;
    }
}
