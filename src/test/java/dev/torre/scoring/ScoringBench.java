package dev.torre.scoring;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;

import dev.torre.platform.tenancy.TenantContext;
import dev.torre.testing.TestTime;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Not part of the suite (the name does not end in Test): bench/scoring/run runs it to time a full recompute and a
 * training at scale. It prints the figures; it asserts only that the work was done.
 */
@QuarkusTest
class ScoringBench {

    @Inject
    DataSource dataSource;

    @Inject
    ScoringModelService models;

    @Inject
    LeadScoreService scores;

    /** What POST /v1/scoring/recompute does, without the HTTP client's read timeout of the test harness. */
    void recomputeAll(String tenant) {
        var context = Arc.container().requestContext();
        context.activate();
        try {
            TenantContext.callAs(tenant, () -> QuarkusTransaction.requiringNew()
                    .timeout(ScoringWorker.LONG_TRANSACTION_SECONDS).call(() -> scores.recomputeAllAt(TestTime.now())));
        } finally {
            context.terminate();
        }
    }

    @Test
    void fullRecomputeAndTraining() {
        int n = Integer.getInteger("scoring.bench.contacts", 200_000);
        String tenant = newTenant();
        long t0 = System.nanoTime();
        new ScoringData(dataSource).synthetic(tenant, n, 0.42, true);
        long seeded = System.nanoTime();

        recomputeAll(tenant);
        long rulesOnly = System.nanoTime();

        String job = admin(tenant).when().post("/v1/scoring/models/lead_conversion/train").then().statusCode(202)
                .extract().path("id");
        assertTrue(models.runQueued(tenant));
        long trained = System.nanoTime();
        var model = admin(tenant).when().get("/v1/scoring/jobs/" + job).then().body("status", equalTo("succeeded"));
        String metrics = admin(tenant).when().get("/v1/scoring/models/lead_conversion").then().extract()
                .path("metrics").toString();

        recomputeAll(tenant);
        long blended = System.nanoTime();

        System.out.printf("%nSCORING BENCH contacts=%d%n", n);
        System.out.printf("  seed (SQL)                        %6.1f s%n", (seeded - t0) / 1e9);
        System.out.printf("  full recompute, rules only        %6.1f s%n", (rulesOnly - seeded) / 1e9);
        System.out.printf("  training (load, fit, evaluate)    %6.1f s%n", (trained - rulesOnly) / 1e9);
        System.out.printf("  full recompute, rules + model     %6.1f s%n", (blended - trained) / 1e9);
        System.out.printf("  model metrics %s%n%n", metrics);
        model.statusCode(200);
    }

    /** Churn at scale: a quarter as many customers, each observed four times, so as many examples as contacts above. */
    @Test
    void churnTrainingAndPrediction() {
        int n = Integer.getInteger("scoring.bench.contacts", 200_000) / ChurnRisk.SNAPSHOTS;
        String tenant = newTenant();
        long t0 = System.nanoTime();
        new ScoringData(dataSource).customers(tenant, n, 0.27);
        long seeded = System.nanoTime();
        String job = admin(tenant).when().post("/v1/scoring/models/churn/train").then().statusCode(202)
                .extract().path("id");
        assertTrue(models.runQueued(tenant));
        long trained = System.nanoTime();
        var done = admin(tenant).when().get("/v1/scoring/jobs/" + job).then().body("status", equalTo("succeeded"));
        String metrics = admin(tenant).when().get("/v1/scoring/models/churn").then().extract().path("metrics").toString();

        System.out.printf("%nSCORING BENCH churn customers=%d examples=%d%n", n, n * ChurnRisk.SNAPSHOTS);
        System.out.printf("  seed (SQL)                        %6.1f s%n", (seeded - t0) / 1e9);
        System.out.printf("  training + predicting every customer %6.1f s%n", (trained - seeded) / 1e9);
        System.out.printf("  model metrics %s%n%n", metrics);
        done.statusCode(200);
    }
}
