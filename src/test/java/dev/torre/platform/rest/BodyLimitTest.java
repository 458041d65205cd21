package dev.torre.platform.rest;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class BodyLimitTest {

    @TestHTTPResource("/v1/contacts")
    URI contacts;

    @Test
    void aBodyOverTheCapIsRefusedWith413AndNothingIsWritten() throws Exception {
        String tenant = newTenant();
        String huge = "{\"firstName\":\"" + "x".repeat(9 * 1024 * 1024) + "\"}";
        // Expect: 100-continue lets the server refuse before the body is sent, as careful clients do.
        HttpRequest request = HttpRequest.newBuilder(contacts).expectContinue(true)
                .header("Authorization", "Bearer " + Tokens.admin(tenant))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(huge)).build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode());
        admin(tenant).when().get("/v1/contacts").then().statusCode(200).body("data.size()", equalTo(0));
    }
}
