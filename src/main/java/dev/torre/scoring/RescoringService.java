package dev.torre.scoring;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.torre.platform.persistence.Sql;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.time.ServerClock;

/**
 * Scores contacts again at once, in the caller's transaction, for writes that change a contact's history wholesale
 * (a merge moves interactions, orders, deals and tickets onto its survivor): the lead score is recomputed from the
 * history as it now stands, the churn risk re-predicted, and the win probability of the deals that now name the
 * contacts re-predicted, instead of waiting for the scoring worker to read the merge's events.
 */
@ApplicationScoped
public class RescoringService {

    @Inject
    ServerClock clock;

    @Inject
    LeadScoreService scores;

    @Inject
    PredictionService predictions;

    @Inject
    ScoringModelService models;

    @Inject
    jakarta.persistence.EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public void contactsNow(Collection<UUID> contactIds) {
        if (contactIds.isEmpty()) {
            return;
        }
        java.time.Instant now = clock.now();
        UUID[] ids = contactIds.toArray(UUID[]::new);
        scores.recompute(ids, now);
        predictions.refresh(models.predicted(ChurnRisk.KIND).orElseThrow(), contactIds, now);
        List<UUID> deals = Sql.query(em, SqlFragment.of("select id from deal where tenant_id = ? and contact_id = any(?) and archived_at is null",
                TenantContext.current(), ids), r -> Sql.uuid(r, 1));
        predictions.refresh(models.predicted(DealWin.KIND).orElseThrow(), deals, now);
    }
}
