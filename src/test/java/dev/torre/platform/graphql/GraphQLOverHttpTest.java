package dev.torre.platform.graphql;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.torre.testing.Api;
import dev.torre.testing.GraphQL;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** {@code /graphql} as the GraphQL-over-HTTP specification wants it, with Torre's problem documents and codes. */
@QuarkusTest
class GraphQLOverHttpTest {

    private static final String QUERY = "{\"query\":\"{ contacts(first: 1) { edges { node { id } } } }\"}";

    private final String token = Tokens.admin(Api.newTenant());

    @Test
    void acceptingAnythingGetsPlainJson() {
        Api.as(token).header("Accept", "*/*").body(QUERY).when().post("/graphql")
                .then().statusCode(200).contentType(startsWith("application/json")).body("data.contacts", notNullValue());
    }

    @Test
    void noAcceptHeaderGetsPlainJson() {
        given().header("Authorization", "Bearer " + token).header("Content-Type", "application/json").body(QUERY)
                .when().post("/graphql").then().statusCode(200).contentType(startsWith("application/json"));
    }

    @Test
    void askingForTheGraphQLResponseTypeStillGetsIt() {
        Api.as(token).header("Accept", "application/graphql-response+json").body(QUERY).when().post("/graphql")
                .then().statusCode(200).contentType(startsWith("application/graphql-response+json"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"query\":", "not json", "[]", "\"a string\"", "42" })
    void aBodyThatIsNotAJsonObjectIsA400Problem(String body) {
        Api.as(token).header("Accept", "application/json").body(body).when().post("/graphql")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("status", equalTo(400)).body("type", equalTo("/problems/malformed-request"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "Bearer not-a-token" })
    void aMissingOrBadTokenIsA401Problem(String authorization) {
        var request = given().header("Content-Type", "application/json").body(QUERY);
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        request.when().post("/graphql").then().statusCode(401).contentType(startsWith("application/problem+json"))
                .body("status", equalTo(401)).body("type", equalTo("/problems/unauthenticated"));
    }

    @Test
    void aVariableOfTheWrongTypeIsReportedWithTorresCode() {
        GraphQL.as(token, "query($n: Int) { contacts(first: $n) { edges { node { id } } } }", GraphQL.vars("n", "many"))
                .statusCode(200)
                .body("errors.extensions.code", not(hasItem("DataFetchingException")))
                .body("errors[0].extensions.code", equalTo("VALIDATION"));
    }

    /** GraphQL's own refusals of a document or a variable carry Torre's code, whatever the accepted type. */
    @ParameterizedTest
    @ValueSource(strings = { "{\"query\":\"{ noSuchField }\"}",
            "{\"query\":\"query($n: Int) { contacts(first: $n) { pageInfo { hasNextPage } } }\",\"variables\":{\"n\":\"many\"}}" })
    void aRequestGraphQLRefusesCarriesTorresCode(String body) {
        Api.as(token).header("Accept", "application/graphql-response+json").body(body).when().post("/graphql")
                .then().contentType(startsWith("application/graphql-response+json"))
                .body("errors[0].extensions.code", equalTo("VALIDATION"));
        Api.as(token).header("Accept", "application/json").body(body).when().post("/graphql")
                .then().statusCode(200).body("errors[0].extensions.code", equalTo("VALIDATION"));
    }

    /** A document that does not parse: no data, and no Java exception names among the codes. */
    @Test
    void aDocumentThatDoesNotParseIsRefusedWithoutData() {
        Api.as(token).header("Accept", "application/json").body("{\"query\":\"{ contacts(first: 1) { \"}").when().post("/graphql")
                .then().statusCode(200).body("data", org.hamcrest.Matchers.nullValue()).body("errors", org.hamcrest.Matchers.not(org.hamcrest.Matchers.empty()))
                .body("errors.extensions.code", not(hasItem("DataFetchingException")));
    }

    @Test
    void aPostThatIsNotJsonIsA415Problem() {
        given().header("Authorization", "Bearer " + token).contentType("text/plain").body(QUERY)
                .when().post("/graphql").then().statusCode(415).contentType(startsWith("application/problem+json"));
    }

    @Test
    void operationNameSentAsNullIsAccepted() {
        Api.as(token).body("{\"query\":\"{ contacts(first: 1) { pageInfo { hasNextPage } } }\",\"operationName\":null,\"variables\":null}")
                .when().post("/graphql").then().statusCode(200).body("data.contacts.pageInfo.hasNextPage", equalTo(false));
    }
}
