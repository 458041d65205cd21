package dev.torre.contact;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.torre.testing.Bodies;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;

/** GET /v1/contacts: SCIM filters and sorts over five contacts that differ in every filterable way. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContactListTest {

    private final String tenant = newTenant();

    private boolean seeded;

    /** Once for the class; REST Assured knows the test port only from the first test on. */
    @BeforeEach
    void fiveContacts() {
        if (seeded) {
            return;
        }
        seeded = true;
        Seed.contact(tenant, """
                {"firstName":"Ana","lastName":"Ruiz","email":"ana@acme.es","lifecycleStage":"customer",
                 "tags":["vip","newsletter"],"properties":{"score":80,"plan":"pro"}}
                """);
        Seed.contact(tenant, """
                {"firstName":"Bruno","lastName":"Díaz","email":"bruno@acme.es","lifecycleStage":"lead",
                 "tags":["newsletter"],"properties":{"score":45,"plan":"basic"}}
                """);
        Seed.contact(tenant, """
                {"firstName":"Carla","lastName":"Gómez","email":"carla@other.com","lifecycleStage":"mql",
                 "properties":{"score":60}}
                """);
        Seed.contact(tenant, """
                {"firstName":"Dario","lifecycleStage":"lead","properties":{"plan":"pro"}}
                """);
        Seed.contact(tenant, """
                {"firstName":"Elena","lastName":"Ruiz","email":"elena@other.com","lifecycleStage":"opportunity",
                 "tags":["vip"],"properties":{"score":90,"plan":"enterprise"}}
                """);
    }

    static Stream<Arguments> filters() {
        return Stream.of(
                Arguments.of("lastName eq \"Ruiz\"", new String[] { "Ana", "Elena" }),
                Arguments.of("LASTNAME eq \"Ruiz\"", new String[] { "Ana", "Elena" }),
                Arguments.of("lastName ne \"Ruiz\"", new String[] { "Bruno", "Carla", "Dario" }),
                Arguments.of("email co \"acme\"", new String[] { "Ana", "Bruno" }),
                Arguments.of("email sw \"carla\"", new String[] { "Carla" }),
                Arguments.of("email ew \"@other.com\"", new String[] { "Carla", "Elena" }),
                Arguments.of("email eq \"ANA@ACME.ES\"", new String[] { "Ana" }),
                Arguments.of("firstName co \"AR\"", new String[] { "Carla", "Dario" }),
                Arguments.of("properties.score gt 60", new String[] { "Ana", "Elena" }),
                Arguments.of("properties.score ge 60", new String[] { "Ana", "Carla", "Elena" }),
                Arguments.of("properties.score lt 60", new String[] { "Bruno" }),
                Arguments.of("properties.score le 45", new String[] { "Bruno" }),
                Arguments.of("properties.score eq 80", new String[] { "Ana" }),
                Arguments.of("properties.plan eq \"pro\"", new String[] { "Ana", "Dario" }),
                Arguments.of("properties.plan sw \"b\"", new String[] { "Bruno" }),
                Arguments.of("properties.plan pr", new String[] { "Ana", "Bruno", "Dario", "Elena" }),
                Arguments.of("email pr", new String[] { "Ana", "Bruno", "Carla", "Elena" }),
                Arguments.of("not (email pr)", new String[] { "Dario" }),
                Arguments.of("tags eq \"vip\"", new String[] { "Ana", "Elena" }),
                Arguments.of("tags eq \"newsletter\"", new String[] { "Ana", "Bruno" }),
                Arguments.of("lifecycleStage eq \"lead\"", new String[] { "Bruno", "Dario" }),
                Arguments.of("lifecycleStage ne \"lead\"", new String[] { "Ana", "Carla", "Elena" }),
                Arguments.of("lifecycleStage eq \"lead\" and (properties.score ge 40 or email ew \"@other.com\")",
                        new String[] { "Bruno" }),
                Arguments.of("lastName eq \"Ruiz\" or lifecycleStage eq \"mql\"", new String[] { "Ana", "Carla", "Elena" }),
                Arguments.of("not (lastName eq \"Ruiz\") and email pr", new String[] { "Bruno", "Carla" }),
                Arguments.of("(lifecycleStage eq \"customer\" or lifecycleStage eq \"opportunity\") and tags eq \"vip\"",
                        new String[] { "Ana", "Elena" }),
                Arguments.of("createdAt gt \"2000-01-01T00:00:00Z\"", new String[] { "Ana", "Bruno", "Carla", "Dario", "Elena" }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void filtersWithTheScimGrammar(String filter, String[] firstNames) {
        admin(tenant).queryParam("filter", filter).queryParam("limit", 200).when().get("/v1/contacts")
                .then().statusCode(200).body("data.firstName", containsInAnyOrder(firstNames));
    }

    @Test
    void treatsSqlInAValueAsPlainText() {
        admin(tenant).queryParam("filter", "lastName eq \"x' or 1=1 --\"").when().get("/v1/contacts")
                .then().statusCode(200).body("data", empty());
        admin(tenant).queryParam("filter", "email co \"'; drop table contact; --\"").when().get("/v1/contacts")
                .then().statusCode(200).body("data", empty());
        admin(tenant).queryParam("filter", "properties.plan eq \"pro' or '1'='1\"").when().get("/v1/contacts")
                .then().statusCode(200).body("data", empty());
        admin(tenant).queryParam("limit", 200).when().get("/v1/contacts").then().body("data", hasSize(5));
    }

    @Test
    void refusesAnUnknownFilterFieldNamingIt() {
        admin(tenant).queryParam("filter", "nickname eq \"Ana\"").when().get("/v1/contacts")
                .then().spec(problem(400))
                .body("errors[0].field", equalTo("filter"))
                .body("errors[0].code", equalTo("unknown_field"))
                .body("detail", containsString("nickname"));
    }

    static Stream<String> operatorsTheTypeDoesNotHave() {
        return Stream.of("lifecycleStage gt \"lead\"", "tags gt \"vip\"", "properties.score co 5",
                "createdAt co \"2024\"", "companyId sw \"0190\"");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operatorsTheTypeDoesNotHave")
    void refusesAnOperatorTheFieldsTypeDoesNotHave(String filter) {
        admin(tenant).queryParam("filter", filter).when().get("/v1/contacts")
                .then().spec(problem(400)).body("errors[0].code", equalTo("invalid_operator"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesOfTheWrongKind")
    void refusesAValueOfTheWrongKind(String filter) {
        admin(tenant).queryParam("filter", filter).when().get("/v1/contacts")
                .then().spec(problem(400)).body("errors[0].code", equalTo("invalid_value"));
    }

    static Stream<String> valuesOfTheWrongKind() {
        return Stream.of("createdAt gt \"yesterday\"", "lifecycleStage eq \"king\"", "companyId eq \"acme\"",
                "lastName eq 5");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedFilters")
    void refusesAFilterThatDoesNotParse(String filter) {
        admin(tenant).queryParam("filter", filter).when().get("/v1/contacts")
                .then().spec(problem(400)).body("errors[0].code", equalTo("syntax"));
    }

    static Stream<String> malformedFilters() {
        return Stream.of("lastName eq", "(lastName eq \"Ruiz\"", "lastName eq Ruiz", "lastName like \"R%\"",
                "lastName eq \"Ruiz\" and", "not lastName eq \"Ruiz\"");
    }

    @Test
    void sortsByManyFieldsWithMissingValuesLastWhenAscending() {
        admin(tenant).queryParam("sort", "lastName,firstName").when().get("/v1/contacts")
                .then().statusCode(200).body("data.firstName", contains("Bruno", "Carla", "Ana", "Elena", "Dario"));
    }

    @Test
    void sortsDescendingWithAMinusAndMissingValuesFirst() {
        admin(tenant).queryParam("sort", "-lastName,firstName").when().get("/v1/contacts")
                .then().statusCode(200).body("data.firstName", contains("Dario", "Ana", "Elena", "Carla", "Bruno"));
    }

    @Test
    void sortsByLastChangeNewestFirst() {
        String own = newTenant();
        String ana = Seed.contact(own, "Ana", "Ruiz");
        String bea = Seed.contact(own, "Bea", "Ruiz");
        String carla = Seed.contact(own, "Carla", "Gómez");
        admin(own).body(Bodies.contact().lifecycleStage("mql").build()).when().patch("/v1/contacts/{id}", ana).then().statusCode(200);

        admin(own).queryParam("sort", "-updatedAt,lastName").when().get("/v1/contacts")
                .then().statusCode(200).body("data.id", contains(ana, carla, bea));
    }

    @Test
    void refusesToSortByAnUnknownOrUnsortableField() {
        admin(tenant).queryParam("sort", "nickname").when().get("/v1/contacts")
                .then().spec(problem(400)).body("errors[0].field", equalTo("sort")).body("detail", containsString("nickname"));
        admin(tenant).queryParam("sort", "tags").when().get("/v1/contacts")
                .then().spec(problem(400)).body("errors[0].field", equalTo("sort"));
    }
}
