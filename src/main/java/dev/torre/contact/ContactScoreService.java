package dev.torre.contact;

import java.math.BigDecimal;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The seam through which scoring writes what it computes onto contacts: scores, churn risks, stage moves. */
@ApplicationScoped
public class ContactScoreService {

    @Inject
    ContactService contacts;

    /** Copies lead scores onto the contacts, inside the caller's transaction. */
    public void storeLeadScores(UUID[] ids, Integer[] scores) {
        contacts.storeLeadScores(ids, scores);
    }

    /** Copies churn risks onto the contacts (null clears one), inside the caller's transaction. */
    public void storeChurnRisks(UUID[] ids, BigDecimal[] risks) {
        contacts.storeChurnRisks(ids, risks);
    }

    /** Moves a contact's lifecycle stage forward to {@code stageName} for a rule; answers whether it moved. */
    public boolean advanceStage(UUID id, String stageName) {
        return contacts.advanceStage(id, stageName);
    }
}
