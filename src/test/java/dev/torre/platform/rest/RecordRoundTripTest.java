package dev.torre.platform.rest;

import static dev.torre.testing.Api.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.torre.platform.persistence.DescribedStore;
import dev.torre.platform.persistence.DescribedStore.Kind;
import dev.torre.testing.Api;
import dev.torre.testing.RoundTrips;
import dev.torre.testing.RoundTrips.Trip;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every writable field of every record type survives the API: each component of a kind's input record is written
 * with a value that is not its default (POST), then with another one (PATCH), and must read back as written. The
 * kinds and their fields are found by reflection (every {@link DescribedStore} bean, its input record's
 * components), so a field added to an input but forgotten in the mapping to the entity, back to the view or back to
 * an input (which a merge patch starts from: a third PATCH of one field must keep all the others) fails
 * here without anyone extending the test. What a kind needs beyond a generated value, and the fields it does not
 * echo on purpose, are in {@link RoundTrips}.
 */
@QuarkusTest
class RecordRoundTripTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    @Inject
    @Any
    Instance<DescribedStore<?, ?>> stores;

    @TestFactory
    Stream<DynamicTest> everyWritableFieldReadsBackAfterCreateAndAfterPatch() {
        return kinds().values().stream()
                .filter(kind -> !RoundTrips.EXCLUDED.containsKey(kind.label()))
                .map(kind -> DynamicTest.dynamicTest(kind.label(), () -> roundTrip(kind)));
    }

    /** Every kind is either covered or left out with a reason; a reason for a kind that no longer exists is stale. */
    @TestFactory
    Stream<DynamicTest> everyKindIsCoveredOrExcludedWithAReason() {
        Map<String, Kind<?, ?>> kinds = kinds();
        return Stream.of(
                DynamicTest.dynamicTest("at least the core record types are found", () -> assertTrue(kinds.keySet().containsAll(
                        List.of("contact", "company", "deal", "product", "order", "ticket", "task", "interaction")), kinds.keySet().toString())),
                DynamicTest.dynamicTest("every exclusion names a kind", () -> assertTrue(kinds.keySet().containsAll(RoundTrips.EXCLUDED.keySet()),
                        "exclusions of kinds that are gone: " + new TreeSet<>(RoundTrips.EXCLUDED.keySet()))));
    }

    private void roundTrip(Kind<?, ?> kind) {
        String tenant = Api.newTenant();
        Trip trip = RoundTrips.trip(kind.label(), kind.inputType(), tenant);

        Map<String, Object> first = trip.first();
        String id = sent(201, admin(tenant).body(first).when().post(kind.path()), kind, "POST " + first).path("id");
        JsonNode created = read(tenant, kind, id);
        assertEchoed(kind, trip, first, created, "after POST");

        Map<String, Object> second = trip.second();
        sent(200, admin(tenant).body(second).when().patch(kind.path() + "/{id}", id), kind, "PATCH " + second);
        JsonNode patched = read(tenant, kind, id);
        assertEchoed(kind, trip, trip.afterPatch(), patched, "after PATCH");

        // a patch of one field keeps every other: the stored state is read back into an input (inputOf) before the patch applies
        String one = trip.patchedAlone();
        sent(200, admin(tenant).body(Map.of(one, first.get(one))).when().patch(kind.path() + "/{id}", id), kind, "PATCH of " + one);
        Map<String, Object> third = trip.afterPatch();
        third.put(one, first.get(one));
        assertEchoed(kind, trip, third, read(tenant, kind, id), "after a PATCH of " + one + " alone");
    }

    private static io.restassured.response.Response sent(int status, io.restassured.response.Response answer, Kind<?, ?> kind, String what) {
        assertEquals(status, answer.statusCode(), kind.label() + ": " + what + " answered " + answer.asString());
        return answer;
    }

    private static JsonNode read(String tenant, Kind<?, ?> kind, String id) {
        String body = admin(tenant).when().get(kind.path() + "/{id}", id).then().statusCode(200).extract().asString();
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError("the view of " + kind.label() + " is not JSON: " + body, e);
        }
    }

    /** Each written field is in the view with the written value (the view may hold more). */
    private static void assertEchoed(Kind<?, ?> kind, Trip trip, Map<String, Object> written, JsonNode view, String when) {
        List<String> wrong = new ArrayList<>();
        for (RecordComponent component : kind.inputType().getRecordComponents()) {
            String field = component.getName();
            if (trip.notEchoed().containsKey(field)) {
                continue;
            }
            assertTrue(written.containsKey(field), kind.label() + "." + field + " was not written");
            JsonNode expected = JSON.valueToTree(written.get(field));
            if (expected.isNull()) {
                wrong.add(field + ": the round trip wrote no value");
            } else if (!RoundTrips.same(expected, view.path(field))) {
                wrong.add(field + ": wrote " + expected + ", read " + view.path(field));
            }
        }
        assertEquals(List.of(), wrong, kind.label() + " " + when + " (view " + view + ")");
    }

    /** The described kinds of record by label, read from the stores the application runs. */
    private Map<String, Kind<?, ?>> kinds() {
        Map<String, Kind<?, ?>> kinds = new TreeMap<>();
        for (DescribedStore<?, ?> store : stores) {
            Kind<?, ?> kind = kindOf(store);
            if (kind.path() != null && kind.inputType().isRecord()) {
                kinds.put(kind.label(), kind);
            }
        }
        if (kinds.isEmpty()) {
            fail("no DescribedStore bean was found");
        }
        return kinds;
    }

    private static Kind<?, ?> kindOf(DescribedStore<?, ?> store) {
        try {
            Method kind = DescribedStore.class.getDeclaredMethod("kind");
            kind.setAccessible(true);
            return (Kind<?, ?>) kind.invoke(store);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot read the kind of " + store.getClass(), e);
        }
    }
}
