package dev.torre.scoring;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;

import dev.torre.platform.error.TorreException;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.security.RequiresScope;
import dev.torre.platform.tenancy.TenantContext;

/** The only writer of {@code deal_score}: rewrites the open deals' win predictions when a deal_win model is ready. */
@ApplicationScoped
public class DealScoreService {

    private static final TypeReference<List<Map<String, Object>>> PARTS = new TypeReference<>() {
    };

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    /** Replaces every prediction of the tenant with the model's, in one transaction; answers how many it wrote. */
    int rescore(LinearModel model, Instant now) {
        String tenant = TenantContext.current();
        return QuarkusTransaction.requiringNew().timeout(ScoringWorker.LONG_TRANSACTION_SECONDS).call(() -> {
            Sql.update(em, DealWin.clear(tenant));
            return Sql.update(em, DealWin.score(tenant, model, now));
        });
    }

    @RequiresScope("scoring:read")
    public WinPredictionView prediction(UUID dealId) {
        List<WinPredictionView> found = Sql.query(em, SqlFragment.of("""
                select deal_id, probability, factors::text, model_version, computed_at
                from deal_score where tenant_id = ? and deal_id = ?
                """, TenantContext.current(), dealId), r -> {
            List<WinPredictionView.Part> parts = parse(r.getString(3)).stream()
                    .map(p -> new WinPredictionView.Part((String) p.get("name"), ((Number) p.get("logit")).doubleValue()))
                    .toList();
            return new WinPredictionView(Sql.uuid(r, 1), r.getDouble(2), parts, DealWin.KIND + " v" + r.getInt(4),
                    r.getInt(4), r.getTimestamp(5).toInstant());
        });
        return found.stream().findFirst().orElseThrow(() -> TorreException.notFound(
                "A win prediction for deal " + dealId + " (predictions exist for open deals once a deal_win model is ready)"));
    }

    private List<Map<String, Object>> parse(String text) {
        try {
            return json.readValue(text, PARTS);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Unreadable deal_score factors", e);
        }
    }
}
