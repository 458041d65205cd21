package dev.torre.testing;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** REST Assured starting points: a request as some tenant's admin, and unique test names. */
public final class Api {

    private Api() {
    }

    public static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    public static RequestSpecification admin(String tenant) {
        return as(Tokens.admin(tenant));
    }

    /** The ETag of a record at this version, as the server writes it and If-Match / If-None-Match take it. */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** A tenant id of its own for one test, so tests never see each other's data. */
    public static String newTenant() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
