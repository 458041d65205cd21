package dev.torre.scoring;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Drain;
import dev.torre.testing.TestTime;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Proof that the lead-conversion model learns: on a synthetic tenant whose conversions depend on planted features
 * it ranks the holdout well and names those features, with their signs, as its strongest; with too little data it
 * refuses and the rules keep scoring alone.
 */
@QuarkusTest
class ModelTrainingTest {

    @Inject
    ScoringModelService models;

    @Inject
    ScoringWorker worker;

    @Inject
    DataSource dataSource;

    @Test
    void theModelLearnsThePlantedFeaturesAndBlendsIntoTheScore() {
        String tenant = newTenant();
        new ScoringData(dataSource).synthetic(tenant, 4000, 0.42, true);

        String job = admin(tenant).when().post("/v1/scoring/models/lead_conversion/train").then().statusCode(202)
                .header("Location", org.hamcrest.Matchers.startsWith("/v1/scoring/jobs/"))
                .body("status", equalTo("queued")).body("progress", equalTo(0)).extract().path("id");
        admin(tenant).when().post("/v1/scoring/models/lead_conversion/train").then().spec(problem(409))
                .header("Location", equalTo("/v1/scoring/jobs/" + job))
                .body("errors[0].message", equalTo(job));

        assertTrue(models.runQueued(tenant));
        admin(tenant).when().get("/v1/scoring/jobs/" + job).then().statusCode(200)
                .body("status", equalTo("succeeded")).body("progress", equalTo(100)).body("modelId", notNullValue());

        Map<String, Object> model = admin(tenant).when().get("/v1/scoring/models/lead_conversion").then().statusCode(200)
                .body("status", equalTo("ready")).body("modelVersion", equalTo(1))
                .body("metrics.examples", equalTo(4000))
                .body("metrics.holdoutExamples", equalTo(800))
                .body("metrics.calibration", hasSize(10))
                .extract().as(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> metrics = (Map<String, Object>) model.get("metrics");
        double auc = ((Number) metrics.get("auc")).doubleValue();
        assertTrue(auc > 0.75, "holdout AUC " + auc);
        assertTrue(((Number) metrics.get("logLoss")).doubleValue() < Math.log(2), "better than a coin: " + metrics);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> features = (List<Map<String, Object>>) model.get("features");
        // every feature has a known source, so what derives from a hidden field can be withheld (DerivedValues)
        features.forEach(f -> assertTrue(FeatureSource.known(models.sources(LeadScoreService.KIND), (String) f.get("name")),
                "no source for feature " + f.get("name")));
        Map<String, Double> top = new java.util.HashMap<>();
        features.subList(0, 3).forEach(f -> top.put((String) f.get("name"), ((Number) f.get("coefficient")).doubleValue()));
        assertEquals(java.util.Set.of("source = referral", "visits: /pricing", "email = personal"), top.keySet(),
                "strongest features: " + features);
        assertTrue(top.get("source = referral") > 0 && top.get("visits: /pricing") > 0 && top.get("email = personal") < 0,
                top.toString());

        // the trained event reaches the worker, which blends the model into every score
        Drain.untilIdle(() -> worker.catchUp(tenant, TestTime.now()) + worker.rescoreStep(tenant, TestTime.now(), 1000));
        String lead = admin(tenant).queryParam("filter", "lifecycleStage eq \"lead\" and source.utmSource eq \"referral\"")
                .queryParam("limit", 1).when().get("/v1/contacts").then().statusCode(200).extract().path("data[0].id");
        Map<String, Object> score = admin(tenant).when().get("/v1/contacts/" + lead + "/score").then().statusCode(200)
                .body("model", equalTo("rules v1 + lead_conversion v1"))
                .body("probability", notNullValue())
                .extract().as(Map.class);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> factors = (List<Map<String, Object>>) score.get("factors");
        double modelPoints = factors.stream().filter(f -> "model".equals(f.get("kind")))
                .mapToDouble(f -> ((Number) f.get("contribution")).doubleValue()).sum();
        double p = ((Number) score.get("probability")).doubleValue();
        // exact: the model's factors add up to its share of the score (weight 0.5), up to rounding of each to 0.01
        assertEquals(0.5 * 100 * p, modelPoints, 0.01 * factors.size(), factors.toString());
        assertTrue(factors.stream().anyMatch(f -> "source = referral".equals(f.get("name"))
                && ((Number) f.get("contribution")).doubleValue() > 0), factors.toString());
    }

    @Test
    void tooLittleDataIsRefusedWithTheCountsAndTheRulesKeepScoring() {
        String tenant = newTenant();
        new ScoringData(dataSource).synthetic(tenant, 60, 0.7, false);
        String job = admin(tenant).when().post("/v1/scoring/models/lead_conversion/train").then().statusCode(202)
                .extract().path("id");
        admin(newTenant()).when().get("/v1/scoring/jobs/" + job).then().spec(problem(404));
        assertTrue(models.runQueued(tenant));
        admin(tenant).when().get("/v1/scoring/jobs/" + job).then().body("status", equalTo("insufficient_data"))
                .body("detail", org.hamcrest.Matchers.containsString("at least 30 positive"));
        int positives = admin(tenant).when().get("/v1/scoring/models/lead_conversion").then().statusCode(200)
                .body("status", equalTo("insufficient_data"))
                .body("metrics.examples", equalTo(60))
                .body("metrics.minPositives", equalTo(30))
                .extract().path("metrics.positives");
        assertTrue(positives < 30, "positives " + positives);

        Drain.untilIdle(() -> worker.catchUp(tenant, TestTime.now()) + worker.rescoreStep(tenant, TestTime.now(), 1000));
        String contact = admin(tenant).queryParam("limit", 1).when().get("/v1/contacts").then().extract().path("data[0].id");
        admin(tenant).when().get("/v1/contacts/" + contact + "/score").then().statusCode(200)
                .body("model", equalTo("rules v1")).body("probability", equalTo(null));
        // a second request may train again: the refused job is over
        admin(tenant).when().post("/v1/scoring/models/lead_conversion/train").then().statusCode(202);
    }

    @Test
    void theWorkerRetrainsOnASchedule() {
        String tenant = newTenant();
        new ScoringData(dataSource).synthetic(tenant, 40, 0.3, false);
        java.time.Instant now = TestTime.now();
        int kinds = ScoringModelService.KINDS.size();
        assertEquals(kinds, models.queueDue(tenant, now), "no model of any kind yet: all due");
        assertEquals(0, models.queueDue(tenant, now), "one of each is queued already");
        for (int i = 0; i < kinds; i++) {
            assertTrue(models.runQueued(tenant));
        }
        assertEquals(0, models.queueDue(tenant, now.plus(java.time.Duration.ofDays(6))), "the models are recent");
        assertEquals(kinds, models.queueDue(tenant, now.plus(java.time.Duration.ofDays(8))), "older than a week");
    }

    @Test
    void unknownKindsAndModelsNotTrainedYetAreNotFound() {
        String tenant = newTenant();
        admin(tenant).when().post("/v1/scoring/models/lifetime_value/train").then().spec(problem(404));
        admin(tenant).when().get("/v1/scoring/models/lead_conversion").then().spec(problem(404));
        admin(tenant).when().get("/v1/scoring/jobs/" + java.util.UUID.randomUUID()).then().spec(problem(404));
    }
}
