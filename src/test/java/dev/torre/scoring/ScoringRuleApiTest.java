package dev.torre.scoring;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.etag;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.torre.testing.Bodies;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.torre.testing.Api;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** /v1/scoring/rules and /v1/scoring/settings: the default set, CRUD, and precise refusals that change nothing. */
@QuarkusTest
class ScoringRuleApiTest {

    private final String tenant = newTenant();

    @Test
    void aNewTenantStartsWithTheDefaultRules() {
        admin(tenant).when().get("/v1/scoring/rules").then().statusCode(200)
                .body("data", hasSize(ScoringRuleService.DEFAULTS.size()))
                .body("data.name", hasItem("Visited the pricing page"))
                .body("data.find { it.name == 'Gold or platinum account' }.condition", containsString("company.tier eq \"gold\""))
                .body("next", equalTo(null));
        admin(tenant).when().get("/v1/scoring/settings").then().statusCode(200)
                .body("blendWeight", equalTo(0.5f)).body("changeStep", equalTo(5)).body("thresholds[0].score", equalTo(60));
    }

    @Test
    void rulesAreCreatedReadChangedAndArchived() {
        long rulesVersion = rulesVersion();
        String location = admin(tenant).body(Bodies.scoringRule().name("Pricing twice").kind("behaviour").interactionType("web_visit")
                .match("pageUrl co \"/pricing\"").windowDays(14).minCount(2).halfLifeDays(3.5).points(25).build()).when().post("/v1/scoring/rules").then().statusCode(201)
                .header("ETag", equalTo(etag(0)))
                .body("kind", equalTo("behaviour")).body("minCount", equalTo(2)).body("halfLifeDays", equalTo(3.5f))
                .extract().header("Location");
        admin(tenant).when().get(location).then().statusCode(200).body("name", equalTo("Pricing twice"));

        admin(tenant).header("If-Match", etag(0)).body(Map.of("points", -5)).when().patch(location).then().statusCode(200)
                .body("points", equalTo(-5)).header("ETag", equalTo(etag(1)));
        admin(tenant).header("If-Match", etag(0)).body(Map.of("points", 7)).when().patch(location).then().spec(problem(412));

        admin(tenant).when().delete(location).then().statusCode(204);
        admin(tenant).when().get("/v1/scoring/rules").then().body("data.name", not(hasItem("Pricing twice")));
        org.junit.jupiter.api.Assertions.assertEquals(rulesVersion + 3, rulesVersion());
    }

    @Test
    void attributeConditionsMayNameTheContactsCompany() {
        admin(tenant).body(Bodies.scoringRule().name("Big software companies").kind("attribute")
                .condition("company.sizeBand eq \"1001-5000\" and company.industry co \"software\"").points(12).build()).when().post("/v1/scoring/rules").then().statusCode(201)
                .body("condition", startsWith("company.sizeBand"));
    }

    static Stream<Arguments> badRules() {
        return Stream.of(
                Arguments.of("unknown contact field", """
                        {"name":"x","kind":"attribute","condition":"shoeSize gt 40","points":5}""", "condition", "unknown_field"),
                Arguments.of("unknown company field", """
                        {"name":"x","kind":"attribute","condition":"company.revenue gt 5","points":5}""", "condition", "unknown_field"),
                Arguments.of("bad enum value", """
                        {"name":"x","kind":"attribute","condition":"company.tier eq \\"diamond\\"","points":5}""", "condition", "invalid_value"),
                Arguments.of("syntax", """
                        {"name":"x","kind":"attribute","condition":"email eq","points":5}""", "condition", "syntax"),
                Arguments.of("unknown interaction field", """
                        {"name":"x","kind":"behaviour","interactionType":"web_visit","match":"url co \\"a\\"","windowDays":5,"points":5}""",
                        "match", "unknown_field"),
                Arguments.of("window of zero days", """
                        {"name":"x","kind":"behaviour","interactionType":"web_visit","windowDays":0,"points":5}""", "windowDays", null),
                Arguments.of("window over ten years", """
                        {"name":"x","kind":"behaviour","interactionType":"web_visit","windowDays":4000,"points":5}""", "windowDays", null),
                Arguments.of("behaviour without a window", """
                        {"name":"x","kind":"behaviour","interactionType":"web_visit","points":5}""", "windowDays", "required"),
                Arguments.of("window on an attribute rule", """
                        {"name":"x","kind":"attribute","condition":"email pr","windowDays":5,"points":5}""", "windowDays", "not_allowed"),
                Arguments.of("negative half-life", """
                        {"name":"x","kind":"behaviour","interactionType":"email","windowDays":5,"halfLifeDays":-1,"points":5}""", "halfLifeDays", null),
                Arguments.of("points out of range", """
                        {"name":"x","kind":"attribute","condition":"email pr","points":500}""", "points", null),
                Arguments.of("unknown kind", """
                        {"name":"x","kind":"magic","condition":"email pr","points":5}""", "kind", null),
                Arguments.of("bad interaction type", """
                        {"name":"x","kind":"behaviour","interactionType":"Web Visit!","windowDays":5,"points":5}""", "interactionType", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRules")
    void badRulesAreRefusedPreciselyAndChangeNothing(String why, String body, String field, String code) {
        int before = admin(tenant).when().get("/v1/scoring/rules").then().extract().path("data.size()");
        var response = admin(tenant).body(body).when().post("/v1/scoring/rules").then().spec(problem(400))
                .body("errors.field", hasItem(field));
        if (code != null) {
            response.body("errors.find { it.field == '" + field + "' }.code", equalTo(code));
        }
        admin(tenant).when().get("/v1/scoring/rules").then().body("data", hasSize(before));
    }

    @Test
    void unknownFieldsInTheBodyAreRefused() {
        admin(tenant).body("""
                {"name":"x","kind":"attribute","condition":"email pr","points":5,"weight":3}
                """).when().post("/v1/scoring/rules").then().spec(problem(400));
    }

    @Test
    void anotherTenantsRuleIsNotFound() {
        String location = admin(tenant).body("""
                {"name":"Mine","kind":"attribute","condition":"email pr","points":5}
                """).when().post("/v1/scoring/rules").then().statusCode(201).extract().header("Location");
        admin(newTenant()).when().get(location).then().spec(problem(404));
        admin(newTenant()).body(Map.of("points", 1)).when().patch(location).then().spec(problem(404));
    }

    @Test
    void aReadOnlyTokenMayReadButNotWriteRules() {
        Api.as(Tokens.readonly(tenant)).when().get("/v1/scoring/rules").then().statusCode(200);
        Api.as(Tokens.readonly(tenant)).body("""
                {"name":"x","kind":"attribute","condition":"email pr","points":5}
                """).when().post("/v1/scoring/rules").then().spec(problem(403));
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of("""
                        {"thresholds":[{"score":150}]}""", "thresholds[0].score"),
                Arguments.of("""
                        {"thresholds":[{"score":0}]}""", "thresholds[0].score"),
                Arguments.of("""
                        {"thresholds":[{"score":60,"stage":"vip"}]}""", "thresholds[0].stage"),
                Arguments.of("""
                        {"thresholds":[{"score":60},{"score":60}]}""", "thresholds"),
                Arguments.of("""
                        {"blendWeight":1.5}""", "blendWeight"),
                Arguments.of("""
                        {"changeStep":0}""", "changeStep"),
                Arguments.of("""
                        {"minPositives":1}""", "minPositives"));
    }

    @ParameterizedTest
    @MethodSource("badSettings")
    void badSettingsAreRefusedAndChangeNothing(String patch, String field) {
        admin(tenant).when().get("/v1/scoring/settings").then().statusCode(200);
        admin(tenant).body(patch).when().patch("/v1/scoring/settings").then().spec(problem(400))
                .body("errors.field", hasItem(field));
        admin(tenant).when().get("/v1/scoring/settings").then().statusCode(200)
                .body("thresholds", hasSize(1)).body("blendWeight", equalTo(0.5f)).body("version", equalTo(0));
    }

    @Test
    void settingsChangeWithThresholdsSorted() {
        admin(tenant).body("""
                {"blendWeight":0.25,"thresholds":[{"score":80,"stage":"sql"},{"score":40}]}
                """).when().patch("/v1/scoring/settings").then().statusCode(200)
                .body("blendWeight", equalTo(0.25f))
                .body("thresholds.score", org.hamcrest.Matchers.contains(40, 80))
                .body("thresholds[1].stage", equalTo("sql"));
    }

    private long rulesVersion() {
        return ((Number) admin(tenant).when().get("/v1/scoring/settings").then().statusCode(200)
                .extract().path("rulesVersion")).longValue();
    }
}
