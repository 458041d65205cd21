package dev.torre.scoring;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import dev.torre.platform.tenancy.TenantContext;

/**
 * Re-predicting every record after training runs in bounded transactions; cut into batches of seven, it writes the
 * same probabilities to the last bit, the same factors, the same copies on the contacts and the same
 * {@code contact.churn_risk_crossed} events as the one batch that the training's own re-prediction was here.
 */
@QuarkusTest
class PredictionBatchTest {

    @Inject
    ScoringModelService models;

    @Inject
    PredictionService predictions;

    @Inject
    ChurnRisk churn;

    @Inject
    EntityManager em;

    @Inject
    DataSource dataSource;

    @Test
    void predictingInSmallBatchesGivesWhatOneBatchGives() {
        String tenant = newTenant();
        new ScoringData(dataSource).customers(tenant, 400, 0.27);
        admin(tenant).when().post("/v1/scoring/models/churn/train").then().statusCode(202);
        assertTrue(models.runQueued(tenant));
        // the training predicted every customer in one batch (fewer customers than a batch holds)
        String once = snapshot(tenant);
        List<String> crossedOnce = crossings(tenant, 0);
        assertEquals(400, once.lines().count(), "every customer has a prediction");
        assertTrue(crossedOnce.size() > 10, "some customers crossed a threshold: " + crossedOnce.size());
        Instant at = Instant.parse(query(tenant, "select to_char(max(computed_at) at time zone 'UTC', "
                + "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') from churn_score where tenant_id = ?").getFirst());

        // forget them, then predict again as of the same time, seven customers per transaction
        run(tenant, "delete from churn_score where tenant_id = ?");
        run(tenant, "update contact set churn_risk = null where tenant_id = ?");
        long from = Long.parseLong(query(tenant, "select max(seq)::text from event_log where tenant_id = ?").getFirst());
        LinearModel model = inTenant(tenant, () -> QuarkusTransaction.requiringNew()
                .call(() -> LinearModel.latestReady(em, ChurnRisk.KIND).orElseThrow()));
        int written = inTenant(tenant, () -> predictions.predictAll(churn, model, at, 7));

        assertEquals(400, written);
        assertEquals(once, snapshot(tenant));
        assertEquals(crossedOnce, crossings(tenant, from));
    }

    /** Every prediction with its exact probability, factors, model and time, and the copy on the contact. */
    private String snapshot(String tenant) {
        return String.join("\n", query(tenant, """
                select concat_ws('|', s.contact_id, s.probability, s.factors::text, s.model_version, s.computed_at, c.churn_risk)
                from churn_score s join contact c on c.tenant_id = s.tenant_id and c.id = s.contact_id
                where s.tenant_id = ? order by s.contact_id
                """));
    }

    private List<String> crossings(String tenant, long after) {
        return query(tenant, """
                select entity_id || ' ' || payload::text from event_log
                where tenant_id = ? and type = 'contact.churn_risk_crossed' and seq > %d order by 1
                """.formatted(after));
    }

    private <T> T inTenant(String tenant, java.util.function.Supplier<T> work) {
        var context = Arc.container().requestContext();
        context.activate();
        try {
            return TenantContext.callAs(tenant, work);
        } finally {
            context.terminate();
        }
    }

    private void run(String tenant, String sql) {
        new ScoringData(dataSource).run(tenant, sql, tenant);
    }

    private List<String> query(String tenant, String sql) {
        return TenantContext.callAs(tenant, () -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, tenant);
                List<String> rows = new ArrayList<>();
                try (ResultSet r = ps.executeQuery()) {
                    while (r.next()) {
                        rows.add(r.getString(1));
                    }
                }
                return rows;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
