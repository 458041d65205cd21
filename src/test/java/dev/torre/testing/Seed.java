package dev.torre.testing;

import static dev.torre.testing.Api.admin;

import java.util.List;
import java.util.Map;

/**
 * Puts records in place over the API for a test's setting; each call answers the new id. Contacts and companies are
 * created even when they look like stored ones ({@code onDuplicate=create}): a setting may need look-alikes, and the
 * duplicate check on create has tests of its own (DuplicateCheckTest).
 */
public final class Seed {

    private Seed() {
    }

    public static String contact(String tenant, String json) {
        return admin(tenant).queryParam("onDuplicate", "create").body(json).when().post("/v1/contacts").then().statusCode(201).extract().path("id");
    }

    public static String contact(String tenant, Map<String, Object> body) {
        return admin(tenant).queryParam("onDuplicate", "create").body(body).when().post("/v1/contacts").then().statusCode(201).extract().path("id");
    }

    /** Creates a record of a collection ("deals") from a body, typically one of {@link Bodies}. */
    public static String create(String tenant, String collection, Map<String, Object> body) {
        return admin(tenant).body(body).when().post("/v1/" + collection).then().statusCode(201).extract().path("id");
    }

    public static String contact(String tenant, String firstName, String lastName) {
        return contact(tenant, "{\"firstName\":" + quoted(firstName) + ",\"lastName\":" + quoted(lastName) + "}");
    }

    public static String company(String tenant, String json) {
        return admin(tenant).queryParam("onDuplicate", "create").body(json).when().post("/v1/companies").then().statusCode(201).extract().path("id");
    }

    /** The ids of a collection's active records, in the default order (at most 200). */
    public static List<String> ids(String tenant, String collection) {
        return admin(tenant).queryParam("limit", 200).when().get("/v1/" + collection).then().statusCode(200)
                .extract().path("data.id");
    }

    /** How many events the tenant's change feed holds (at most 1000). */
    public static int eventCount(String tenant) {
        return admin(tenant).queryParam("limit", 1000).when().get("/v1/events").then().statusCode(200)
                .extract().path("data.size()");
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    /** A company from a body, typically {@link Bodies#company()}; created even when it looks like a stored one. */
    public static String company(String tenant, Map<String, Object> body) {
        return admin(tenant).queryParam("onDuplicate", "create").body(body).when().post("/v1/companies").then().statusCode(201).extract().path("id");
    }
}
