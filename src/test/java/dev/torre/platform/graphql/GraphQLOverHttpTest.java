package dev.torre.platform.graphql;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.torre.testing.Api;
import dev.torre.testing.GraphQL;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** {@code /graphql} as the GraphQL-over-HTTP specification wants it, with Torre's problem documents and codes. */
@QuarkusTest
class GraphQLOverHttpTest {

    private static final String DOCUMENT = "{ contacts(first: 1) { edges { node { id } } } }";
    private static final Map<String, Object> QUERY = GraphQL.request(DOCUMENT);
    private static final String PAGE = "{ contacts(first: $n) { pageInfo { hasNextPage } } }";

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

    /**
     * A request error (the document does not parse or validate, the operation name is unknown, a variable does not
     * coerce) is decided before execution: 400 to a caller accepting {@code application/graphql-response+json}, 200
     * with errors to {@code application/json}; both carry Torre's code and no data.
     */
    static Stream<Map<String, Object>> requestErrors() {
        return Stream.of(GraphQL.request("{ noSuchField }"),
                GraphQL.request("{ contacts(first: 1) { "),
                GraphQL.request("query A { contacts(first: 1) { pageInfo { hasNextPage } } }", "operationName", "B"),
                GraphQL.request("query A { contacts(first: 1) { pageInfo { hasNextPage } } } query B { contacts(first: 2) { pageInfo { hasNextPage } } }"),
                GraphQL.request("query($n: Int!) " + PAGE),
                GraphQL.request("query($n: Int) " + PAGE, "variables", Map.of("n", "many")));
    }

    @ParameterizedTest
    @MethodSource("requestErrors")
    void aRequestGraphQLRefusesCarriesTorresCode(Map<String, Object> body) {
        Api.as(token).header("Accept", "application/graphql-response+json").body(body).when().post("/graphql")
                .then().statusCode(400).contentType(startsWith("application/graphql-response+json"))
                .body("data", org.hamcrest.Matchers.nullValue())
                .body("errors[0].extensions.code", equalTo("VALIDATION"));
        Api.as(token).header("Accept", "application/json").body(body).when().post("/graphql")
                .then().statusCode(200).body("errors[0].extensions.code", equalTo("VALIDATION"));
    }

    /**
     * A document is parsed once and, once it validated, kept by its text: the same text sent again with variables
     * that do not coerce is still a request error, and with good ones runs again.
     */
    @Test
    void aDocumentSentAgainIsStillCheckedForItsVariables() {
        String document = "query($n: Int) " + PAGE;
        for (String accept : new String[] { "application/json", "application/graphql-response+json" }) {
            Api.as(token).header("Accept", accept).body(GraphQL.request(document, "variables", Map.of("n", 1))).when().post("/graphql")
                    .then().statusCode(200).body("data.contacts.pageInfo.hasNextPage", equalTo(false));
            Api.as(token).header("Accept", "application/graphql-response+json").body(GraphQL.request(document, "variables", Map.of("n", "many"))).when().post("/graphql")
                    .then().statusCode(400).body("errors[0].extensions.code", equalTo("VALIDATION"));
            Api.as(token).header("Accept", accept).body(GraphQL.request(document, "variables", Map.of("n", 2))).when().post("/graphql")
                    .then().statusCode(200).body("data.contacts.pageInfo.hasNextPage", equalTo(false));
        }
    }

    /** A document that does not parse: no data, and no Java exception names among the codes. */
    @Test
    void aDocumentThatDoesNotParseIsRefusedWithoutData() {
        Api.as(token).header("Accept", "application/json").body(GraphQL.request("{ contacts(first: 1) { ")).when().post("/graphql")
                .then().statusCode(200).body("data", org.hamcrest.Matchers.nullValue()).body("errors", org.hamcrest.Matchers.not(org.hamcrest.Matchers.empty()))
                .body("errors.extensions.code", not(hasItem("DataFetchingException")));
    }

    @Test
    void aRequestErrorSentAsGetOrAsApplicationGraphQLIsA400Too() {
        given().header("Authorization", "Bearer " + token).header("Accept", "application/graphql-response+json")
                .queryParam("query", "{ noSuchField }").when().get("/graphql")
                .then().statusCode(400).body("errors[0].extensions.code", equalTo("VALIDATION"));
        given().header("Authorization", "Bearer " + token).header("Accept", "application/graphql-response+json")
                .contentType("application/graphql").body("{ noSuchField }".getBytes(java.nio.charset.StandardCharsets.UTF_8)).when().post("/graphql")
                .then().statusCode(400).body("errors[0].extensions.code", equalTo("VALIDATION"));
    }

    /** A failure outside GraphQL's own error handling answers a problem document, never a body with a stack trace. */
    @ParameterizedTest
    @ValueSource(strings = { FailingInstrumentation.AT_START, FailingInstrumentation.AT_RESULT })
    void aFailureWhileExecutingIsA500ProblemWithoutInternals(String operation) {
        String body = Api.as(token).header("Accept", "application/json")
                .body(java.util.Map.of("query", "query " + operation + " { contacts(first: 1) { pageInfo { hasNextPage } } }", "operationName", operation))
                .when().post("/graphql").then().statusCode(500).contentType(startsWith("application/problem+json"))
                .body("status", equalTo(500)).body("type", equalTo("/problems/internal"))
                .body("$", not(org.hamcrest.Matchers.hasKey("stack")))
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertFalse(body.contains("Exception") || body.contains("dev.torre"), body);
    }

    @Test
    void anOutageWhileExecutingIsA503ProblemWithRetryAfter() {
        Api.as(token).header("Accept", "application/graphql-response+json")
                .body(java.util.Map.of("query", "query " + FailingInstrumentation.OUTAGE + " { contacts(first: 1) { pageInfo { hasNextPage } } }",
                        "operationName", FailingInstrumentation.OUTAGE))
                .when().post("/graphql").then().statusCode(503).contentType(startsWith("application/problem+json"))
                .header("Retry-After", notNullValue()).body("type", equalTo("/problems/unavailable"));
    }

    /** The committed schema stands alone: every type it names, custom scalars included, is declared in it. */
    @Test
    void theCommittedSchemaIsAValidStandaloneSdl() throws java.io.IOException {
        String sdl = java.nio.file.Files.readString(java.nio.file.Path.of("graphql-schema/schema.graphql"));
        var registry = new graphql.schema.idl.SchemaParser().parse(sdl);
        org.junit.jupiter.api.Assertions.assertTrue(registry.scalars().containsKey("DateTime"), "scalar DateTime is declared");
        graphql.schema.GraphQLSchema schema = new graphql.schema.idl.SchemaGenerator().makeExecutableSchema(registry,
                graphql.schema.idl.RuntimeWiring.MOCKED_WIRING);
        org.junit.jupiter.api.Assertions.assertNotNull(schema.getQueryType());
    }

    @Test
    void aPostThatIsNotJsonIsA415Problem() {
        given().header("Authorization", "Bearer " + token).contentType("text/plain").body(DOCUMENT)
                .when().post("/graphql").then().statusCode(415).contentType(startsWith("application/problem+json"));
    }

    @Test
    void operationNameSentAsNullIsAccepted() {
        Api.as(token).body(GraphQL.request("{ contacts(first: 1) { pageInfo { hasNextPage } } }", "operationName", null, "variables", null))
                .when().post("/graphql").then().statusCode(200).body("data.contacts.pageInfo.hasNextPage", equalTo(false));
    }
}
