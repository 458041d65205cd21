package dev.torre.scoring;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.EntityManager;

import dev.torre.platform.query.SqlFragment;

/**
 * A model kind whose predictions are kept per record, such as deal_win on open deals or churn on customers: which
 * records it predicts now, their features in SQL, its training examples, where its predictions are stored and how
 * they reach the records themselves. {@link PredictionService} does the rest the same way for every kind.
 */
interface Predicted {

    /** Where a kind's predictions are kept: the kind, the table with their factors, and its column naming the record. */
    record Store(String kind, String table, String idColumn) {
    }

    Store store();

    /**
     * The {@code obs} rows {@code (id, as_of, ...)} of the records this kind predicts as of {@code now}: all of the
     * tenant's when {@code ids} is null, otherwise those of {@code ids} that qualify.
     */
    SqlFragment observations(String tenant, UUID[] ids, Instant now);

    /** {@code (id, feature, value)} rows of the present features of every observation in {@code obs}. */
    SqlFragment pieces(String tenant);

    /** What the features of {@link #pieces} are computed from, for withholding what a caller may not see. */
    java.util.List<FeatureSource> sources();

    /** The tenant's examples, oldest first, with their features; the last share is the time-based holdout. */
    TrainingSet trainingSet(EntityManager em, String tenant, ScoringSettings settings, Instant now,
            ScoringConfig.Training training);

    /** Copies the probabilities onto the records (null: the record has no prediction any more). */
    void store(UUID[] ids, BigDecimal[] probabilities);
}
