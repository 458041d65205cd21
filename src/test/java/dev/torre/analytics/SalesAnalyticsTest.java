package dev.torre.analytics;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.torre.testing.GraphQL;
import dev.torre.testing.Problems;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The pipeline report and the forecast on a small fixture whose figures are worked out by hand:
 * eight deals made on 1 January 2025, some moved on the 11th and 21st, the report read on the 31st.
 */
@QuarkusTest
class SalesAnalyticsTest {

    private final String tenant = newTenant();
    private final Map<String, String> stage = new LinkedHashMap<>();

    private static void at(String instant) {
        dev.torre.testing.TestTime.set(instant);
    }

    @AfterEach
    void realTime() {
        dev.torre.testing.TestTime.reset();
    }

    private String deal(String name, String amount, String currency, String stageName, String owner, String close, String probability) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("amount", amount);
        body.put("currency", currency);
        body.put("stageId", stage.get(stageName));
        body.put("ownerId", owner);
        if (close != null) {
            body.put("expectedCloseDate", close);
        }
        if (probability != null) {
            body.put("probability", Double.valueOf(probability));
        }
        return admin(tenant).body(body).when().post("/v1/deals").then().statusCode(201).extract().path("id");
    }

    private void move(String id, String stageName, String reason) {
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("stageId", stage.get(stageName));
        if (reason != null) {
            patch.put("lostReason", reason);
        }
        admin(tenant).body(patch).when().patch("/v1/deals/{id}", id).then().statusCode(200);
    }

    @BeforeEach
    void fixture() {
        at("2025-01-01T00:00:00Z");
        JsonPath pipeline = admin(tenant).when().get("/v1/pipelines").then().extract().jsonPath();
        List<String> names = pipeline.getList("data[0].stages.name");
        List<String> ids = pipeline.getList("data[0].stages.id");
        for (int i = 0; i < names.size(); i++) {
            stage.put(names.get(i), ids.get(i));
        }
        String d1 = deal("D1", "1000", "EUR", "Prospecting", "ana", "2025-02-15", null);
        deal("D2", "2000", "EUR", "Proposal", "ana", "2025-03-10", "0.6");
        deal("D3", "500", "USD", "Proposal", "bea", "2025-04-20", null);
        String d4 = deal("D4", "3000", "EUR", "Negotiation", "bea", "2025-02-01", null);
        String d5 = deal("D5", "800", "EUR", "Prospecting", "ana", "2025-05-05", null);
        String d6 = deal("D6", "400", "EUR", "Prospecting", "bea", null, null);
        String d8 = deal("D8", "50", "EUR", "Prospecting", "bea", null, null);
        at("2025-01-11T00:00:00Z");
        move(d4, "Won", null);
        move(d5, "Lost", "Price");
        move(d6, "Lost", "Price");
        move(d8, "Lost", "Timing");
        at("2025-01-21T00:00:00Z");
        move(d1, "Won", null);
        deal("D7", "100", "EUR", "Qualification", "ana", "2025-06-30", null);
        at("2025-01-31T00:00:00Z");
    }

    @Test
    void pipelineFiguresPerStage() {
        admin(tenant).when().get("/v1/analytics/pipeline").then().statusCode(200)
                .body("asOf", equalTo("2025-01-31T00:00:00Z"))
                .body("stages.name", contains("Prospecting", "Qualification", "Proposal", "Negotiation", "Won", "Lost"))
                .body("stages.count", contains(0, 1, 2, 0, 2, 3))
                .body("stages.averageAgeDays", contains(null, 10.0f, 30.0f, null, 15.0f, 20.0f))
                .body("stages[1].amounts", equalTo(List.of(Map.of("currency", "EUR", "total", "100.00", "weighted", "20.00"))))
                .body("stages[2].amounts", equalTo(List.of(
                        Map.of("currency", "EUR", "total", "2000.00", "weighted", "1200.00"),
                        Map.of("currency", "USD", "total", "500.00", "weighted", "250.00"))))
                .body("stages[4].amounts", equalTo(List.of(Map.of("currency", "EUR", "total", "4000.00", "weighted", "4000.00"))))
                .body("stages[5].amounts", equalTo(List.of(Map.of("currency", "EUR", "total", "1250.00", "weighted", "0.00"))))
                .body("won", equalTo(2))
                .body("lost", equalTo(3))
                .body("winRate", equalTo(0.4f))
                .body("averageSalesCycleDays", equalTo(15.0f))
                .body("lostReasons.reason", contains("Price", "Timing"))
                .body("lostReasons.count", contains(2, 1))
                .body("lostReasons.rank", contains(1, 2));
    }

    @Test
    void pipelineFiguresOfOneOwnerAndPeriod() {
        admin(tenant).queryParam("owner", "ana").when().get("/v1/analytics/pipeline").then().statusCode(200)
                .body("stages.count", contains(0, 1, 1, 0, 1, 1))
                .body("won", equalTo(1)).body("lost", equalTo(1)).body("winRate", equalTo(0.5f))
                .body("averageSalesCycleDays", equalTo(20.0f))
                .body("lostReasons.reason", contains("Price"));
        admin(tenant).queryParam("from", "2025-01-15").queryParam("to", "2025-01-31").when().get("/v1/analytics/pipeline").then()
                .body("stages.count", contains(0, 1, 0, 0, 0, 0)).body("winRate", nullValue()).body("lostReasons", hasSize(0));
    }

    @Test
    void forecastByQuarterAndOwner() {
        admin(tenant).when().get("/v1/analytics/forecast").then().statusCode(200)
                .body("period", equalTo("quarter"))
                .body("periods.start", contains("2025-01-01", "2025-04-01"))
                .body("periods.end", contains("2025-03-31", "2025-06-30"))
                .body("periods[0].totals", equalTo(List.of(
                        Map.of("currency", "EUR", "committed", "4000.00", "weighted", "1200.00", "bestCase", "6000.00"))))
                .body("periods[0].owners.ownerId", contains("ana", "bea"))
                .body("periods[0].owners[0].amounts", equalTo(List.of(
                        Map.of("currency", "EUR", "committed", "1000.00", "weighted", "1200.00", "bestCase", "3000.00"))))
                .body("periods[0].owners[1].amounts", equalTo(List.of(
                        Map.of("currency", "EUR", "committed", "3000.00", "weighted", "0.00", "bestCase", "3000.00"))))
                .body("periods[1].totals", equalTo(List.of(
                        Map.of("currency", "EUR", "committed", "0.00", "weighted", "20.00", "bestCase", "100.00"),
                        Map.of("currency", "USD", "committed", "0.00", "weighted", "250.00", "bestCase", "500.00"))))
                .body("periods[1].owners.ownerId", contains("ana", "bea"));
    }

    @Test
    void forecastByMonthWithinDates() {
        admin(tenant).queryParam("period", "month").queryParam("from", "2025-02-01").queryParam("to", "2025-03-31")
                .when().get("/v1/analytics/forecast").then().statusCode(200)
                .body("periods.start", contains("2025-02-01", "2025-03-01"))
                .body("periods.end", contains("2025-02-28", "2025-03-31"))
                .body("periods[0].totals[0].committed", equalTo("4000.00"))
                .body("periods[1].totals[0].weighted", equalTo("1200.00"));
        admin(tenant).queryParam("owner", "bea").queryParam("period", "month").when().get("/v1/analytics/forecast").then()
                .body("periods.start", contains("2025-02-01", "2025-04-01"));
    }

    /** Figures derived from a hidden deal field are left out, and a hidden field cannot be used to select deals. */
    @Test
    void figuresOfHiddenFieldsAreWithheld() {
        admin(tenant).body(Map.of("read", true, "write", true, "hiddenFields", List.of("lostReason", "ownerId")))
                .when().put("/v1/access-policy/sales/deal").then().statusCode(200);
        String sales = Tokens.of(tenant, "sales", null);
        as(sales).when().get("/v1/analytics/pipeline").then().statusCode(200)
                .body("lost", equalTo(3)).body("lostReasons", hasSize(0))
                .body("stages[2].amounts", hasSize(2));
        as(sales).when().get("/v1/analytics/forecast").then().statusCode(200)
                .body("periods[0].totals[0].committed", equalTo("4000.00"))
                .body("periods[0].owners", hasSize(0));
        for (String report : List.of("/v1/analytics/pipeline", "/v1/analytics/forecast")) {
            as(sales).queryParam("owner", "ana").when().get(report).then().spec(Problems.problem(400))
                    .body("errors[0].field", equalTo("owner")).body("errors[0].code", equalTo("hidden_field"));
        }
        admin(tenant).when().get("/v1/analytics/pipeline").then().body("lostReasons.reason", contains("Price", "Timing"));
    }

    @Test
    void badParametersAndOtherTenants() {
        admin(tenant).queryParam("period", "week").when().get("/v1/analytics/forecast").then().spec(Problems.problem(400))
                .body("errors[0].field", equalTo("period"));
        admin(tenant).queryParam("from", "2025-13-01").when().get("/v1/analytics/pipeline").then().spec(Problems.problem(400))
                .body("errors[0].field", equalTo("from"));
        admin(tenant).queryParam("foo", "1").when().get("/v1/analytics/pipeline").then().spec(Problems.problem(400));
        String pipeline = admin(tenant).when().get("/v1/pipelines").then().extract().path("data[0].id");
        admin(newTenant()).queryParam("pipelineId", pipeline).when().get("/v1/analytics/pipeline").then().spec(Problems.problem(404));
        admin(newTenant()).when().get("/v1/analytics/forecast").then().statusCode(200).body("periods", hasSize(0));
    }

    @Test
    void theSameFiguresOverGraphQL() {
        GraphQL.as(Tokens.admin(tenant), """
                query { pipelineReport(owner: "bea") { won lost winRate stages { name count } }
                        forecast(period: "quarter") { periods { start totals { currency committed weighted bestCase } } } }
                """).body("errors", nullValue())
                .body("data.pipelineReport.won", equalTo(1))
                .body("data.pipelineReport.lost", equalTo(2))
                .body("data.pipelineReport.stages.count", contains(0, 0, 1, 0, 1, 2))
                .body("data.forecast.periods[0].totals[0].bestCase", equalTo("6000.00"));
    }
}
