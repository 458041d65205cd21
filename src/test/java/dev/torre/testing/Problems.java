package dev.torre.testing;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;

import io.restassured.builder.ResponseSpecBuilder;
import io.restassured.specification.ResponseSpecification;

/** What every error answer must look like: an RFC 9457 problem document in the caller's terms only. */
public final class Problems {

    /** Words that would betray Java, SQL or the schema behind the API. */
    public static final List<String> INTERNALS = List.of(
            "org.", "java.", "Exception", "SQL", "constraint", "contact_", "company_", "select ", "insert ");

    private Problems() {
    }

    /** A problem document with this status, its four members present and nothing internal in it. */
    public static ResponseSpecification problem(int status) {
        ResponseSpecBuilder spec = new ResponseSpecBuilder()
                .expectStatusCode(status)
                .expectHeader("Content-Type", startsWith("application/problem+json"))
                .expectBody("type", notNullValue())
                .expectBody("title", notNullValue())
                .expectBody("status", equalTo(status))
                .expectBody("detail", notNullValue());
        INTERNALS.forEach(word -> spec.expectBody(not(containsString(word))));
        return spec.build();
    }
}
