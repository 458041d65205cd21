package dev.torre.platform.error;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Problems;
import io.quarkus.test.junit.QuarkusTest;

/** A request that fails with an exception nobody expected answers 500 with a problem document that tells nothing of the code. */
@QuarkusTest
class UnexpectedFailureTest {

    @Test
    void anUnexpectedExceptionAnswers500WithAProblemAndNoStackTraceClassOrMessage() {
        admin(newTenant()).when().get("/test-only/explode").then()
                .spec(Problems.problem(500))
                .body("type", equalTo("/problems/internal"))
                .body("instance", equalTo("/test-only/explode"))
                .body(not(containsString("kaboom")))
                .body(not(containsString("IllegalState")))
                .body(not(containsString("dev.torre")))
                .body(not(containsString("\tat ")))
                .body(not(containsString("XX000")));
    }
}
