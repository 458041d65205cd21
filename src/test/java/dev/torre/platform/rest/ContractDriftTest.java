package dev.torre.platform.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The committed contracts must be what the code generates, so that every change to the
 * API shows in a diff. Refresh them with:
 * {@code ./mvnw test -Dtest=ContractDriftTest -Dupdate-contracts=true}
 */
@QuarkusTest
class ContractDriftTest {

    private static final String REFRESH = "JAVA_HOME=$(bin/java-home) ./mvnw -B test -Dtest=ContractDriftTest -Dupdate-contracts=true";

    @ParameterizedTest
    @CsvSource({ "/q/openapi?format=yaml, openapi/openapi.yaml", "/graphql/schema.graphql, graphql-schema/schema.graphql" })
    void committedContractMatchesTheCode(String url, String file) throws IOException {
        String generated = given().when().get(url).then().statusCode(200).extract().asString();
        Path committed = Path.of(file);
        if (Boolean.getBoolean("update-contracts")) {
            Files.createDirectories(committed.getParent());
            Files.writeString(committed, generated);
        }
        String current = Files.exists(committed) ? Files.readString(committed) : "";
        assertEquals(current, generated, file + " is out of date; refresh it with: " + REFRESH);
    }
}
