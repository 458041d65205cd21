package dev.torre.scoring;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Bodies;
import dev.torre.testing.Drain;
import dev.torre.testing.TestTime;
import dev.torre.testing.GraphQL;
import dev.torre.testing.Seed;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Proof that the churn model learns which customers go quiet: on a synthetic tenant whose inbound activity depends
 * on planted features it ranks the holdout well and names them with their signs; its risks reach the contact (REST
 * field, filter and sort, GraphQL, the overview) and follow a customer who writes in again.
 */
@QuarkusTest
class ChurnModelTest {

    @Inject
    ScoringModelService models;

    @Inject
    ScoringWorker worker;

    @Inject
    DataSource dataSource;

    @Test
    void theModelLearnsThePlantedFactorsAndPredictsEveryCustomer() {
        String tenant = newTenant();
        new ScoringData(dataSource).customers(tenant, 1000, 0.27);
        String lead = Seed.contact(tenant, Bodies.contact().email("not-yet@firm.com").lifecycleStage("lead"));

        admin(tenant).when().post("/v1/scoring/models/churn/train").then().statusCode(202).body("kind", equalTo("churn"));
        assertTrue(models.runQueued(tenant));
        Map<String, Object> model = admin(tenant).when().get("/v1/scoring/models/churn").then().statusCode(200)
                .body("status", equalTo("ready")).body("metrics.labelWindowDays", equalTo(90))
                .body("metrics.calibration", hasSize(10)).extract().as(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> metrics = (Map<String, Object>) model.get("metrics");
        // every customer at each of the four snapshots (the lead was never a customer)
        assertEquals(4000, ((Number) metrics.get("examples")).intValue(), metrics.toString());
        double auc = ((Number) metrics.get("auc")).doubleValue();
        assertTrue(auc > 0.75, "holdout AUC " + auc);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> features = (List<Map<String, Object>>) model.get("features");
        // every feature has a known source, so what derives from a hidden field can be withheld (DerivedValues)
        features.forEach(f -> assertTrue(FeatureSource.known(models.sources(ChurnRisk.KIND), (String) f.get("name")),
                "no source for feature " + f.get("name")));
        Map<String, Double> coefficients = new HashMap<>();
        features.forEach(f -> coefficients.put((String) f.get("name"), ((Number) f.get("coefficient")).doubleValue()));
        assertTrue(coefficients.get("email = personal") > 0, "gmail customers go quiet more: " + coefficients);
        assertTrue(coefficients.get("source = partner") < 0, "partner customers stay: " + coefficients);
        assertTrue(features.subList(0, 4).stream().map(f -> f.get("name"))
                .anyMatch(n -> n.equals("email = personal") || n.equals("source = partner")), "strongest: " + features);

        // every customer is predicted; the risk is on the contact, filterable and sortable, explained on its own resource
        List<Map<String, Object>> risky = admin(tenant).queryParam("filter", "churnRisk gt 0.5")
                .queryParam("sort", "-churnRisk").queryParam("limit", "100").when().get("/v1/contacts").then()
                .statusCode(200).extract().path("data");
        assertTrue(risky.size() > 10, "some customers are at risk: " + risky.size());
        double previous = 1;
        for (Map<String, Object> c : risky) {
            double risk = ((Number) c.get("churnRisk")).doubleValue();
            assertTrue(risk > 0.5 && risk <= previous, "ordered by risk, descending: " + risk + " after " + previous);
            previous = risk;
        }
        String atRisk = (String) risky.getFirst().get("id");
        float risk = admin(tenant).when().get("/v1/contacts/" + atRisk + "/churn-risk").then().statusCode(200)
                .body("contactId", equalTo(atRisk)).body("model", equalTo("churn v1")).body("modelVersion", equalTo(1))
                .body("factors", hasSize(PredictionService.TOP_FACTORS)).body("computedAt", notNullValue())
                .extract().path("churnRisk");
        assertEquals(((Number) risky.getFirst().get("churnRisk")).floatValue(), risk);
        admin(tenant).when().get("/v1/contacts/" + lead).then().statusCode(200).body("churnRisk", nullValue());
        admin(tenant).when().get("/v1/contacts/" + lead + "/churn-risk").then().spec(problem(404));
        admin(newTenant()).when().get("/v1/contacts/" + atRisk + "/churn-risk").then().spec(problem(404));

        GraphQL.as(Tokens.admin(tenant), "query($id: ID!) { contact(id: $id) { churnRisk churn { churnRisk model factors { name logit } } } }",
                Map.of("id", atRisk)).statusCode(200)
                .body("data.contact.churn.model", equalTo("churn v1"))
                .body("data.contact.churn.factors", hasSize(PredictionService.TOP_FACTORS))
                .body("data.contact.churnRisk", equalTo(risky.getFirst().get("churnRisk")));
        admin(tenant).when().get("/v1/contacts/" + atRisk + "/overview").then().statusCode(200)
                .body("counters.churnRisk", equalTo(risky.getFirst().get("churnRisk")));

        // the customer writes in: the worker re-predicts it from the event, and the risk falls
        new ScoringData(dataSource).interaction(tenant, atRisk, "email", "inbound", null, Instant.now());
        Drain.untilIdle(() -> worker.catchUp(tenant, TestTime.now()) + worker.rescoreStep(tenant, TestTime.now(), 1000));
        float after = admin(tenant).when().get("/v1/contacts/" + atRisk + "/churn-risk").then().statusCode(200)
                .extract().path("churnRisk");
        assertTrue(after < risk, "risk after writing in " + after + " vs " + risk);
        admin(tenant).when().get("/v1/contacts/" + atRisk).then().statusCode(200).body("churnRisk", equalTo(after));

        // a day on, the decay pass re-predicts the oldest predictions in a bounded batch (recency features age)
        Instant dayAfter = TestTime.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plus(java.time.Duration.ofDays(2));
        assertTrue(worker.decay(tenant, dayAfter) >= 1000, "a full batch of stale predictions");
        admin(tenant).when().get("/v1/contacts/" + atRisk + "/churn-risk").then().statusCode(200)
                .body("computedAt", equalTo(dayAfter.toString()));
    }

    @Test
    void aFewCustomersAreInsufficientDataAndBadWindowsAreRefused() {
        String tenant = newTenant();
        new ScoringData(dataSource).customers(tenant, 5, 0.5);
        admin(tenant).when().post("/v1/scoring/models/churn/train").then().statusCode(202);
        assertTrue(models.runQueued(tenant));
        admin(tenant).when().get("/v1/scoring/models/churn").then().statusCode(200)
                .body("status", equalTo("insufficient_data")).body("metrics.examples", equalTo(20));
        admin(tenant).body(Map.of("churnWindowDays", 3)).when().patch("/v1/scoring/settings").then().spec(problem(400))
                .body("errors[0].field", equalTo("churnWindowDays"));
        admin(tenant).body(Map.of("churnWindowDays", 60)).when().patch("/v1/scoring/settings").then().statusCode(200)
                .body("churnWindowDays", equalTo(60));
    }
}
