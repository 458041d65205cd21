package dev.torre.scoring;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Scoring's settings for the whole server ({@code torre.scoring.*}); per-tenant ones live in scoring_settings. */
@ConfigMapping(prefix = "torre.scoring")
public interface ScoringConfig {

    Worker worker();

    Training training();

    /**
     * Churn risks (0..1, ascending) whose crossing, either way, emits {@code contact.churn_risk_crossed}; risks move
     * without other events.
     */
    @WithDefault("0.5,0.7")
    java.util.List<java.math.BigDecimal> churnThresholds();

    /** The background loop that keeps scores fresh and runs training jobs. */
    interface Worker {
        /** Whether this instance runs the loop (tests drive it directly instead). */
        @WithDefault("true")
        boolean enabled();

        /** Events read per tenant and pass. */
        @WithDefault("1000")
        int eventBatch();

        /** Decaying scores recomputed per tenant and pass. */
        @WithDefault("1000")
        int decayBatch();

        /** How old a time-dependent score may get before the decay pass recomputes it. */
        @WithDefault("PT1H")
        Duration decayAfter();

        /** How old a churn or win prediction may get before the decay pass re-predicts it (its recency features age). */
        @WithDefault("P1D")
        Duration predictionsAfter();

        /**
         * Rows (events read, contacts rescored) one tenant's pass may take before the worker moves on to the next
         * tenant; the rest waits for the next tick, so one tenant's backlog cannot starve the others.
         */
        @WithDefault("5000")
        int tenantBudget();

        /**
         * Wall-clock time one tenant's pass may take before the worker moves on (checked between batches, so a pass
         * may overrun it by one batch): with the row budget, what keeps a tenant's backlog from starving the others.
         */
        @WithDefault("PT2S")
        Duration tenantTime();

        /** Tenants this instance serves at once, each pass on its own connection and thread. */
        @WithDefault("2")
        int parallelism();

        /**
         * Contacts a full rescore (after a rule, settings or model change, or POST /v1/scoring/recompute) scores per
         * transaction; also the records a newly trained model re-predicts per transaction.
         */
        @WithDefault("1000")
        int rescoreBatch();

        /**
         * When a pass reads a full page of a tenant's events (a backlog, such as an import's), it reads ahead: the
         * newest single writes past the cursor (transactions of at most this many events) are scored at once, so a
         * change made by hand during an import is not kept waiting behind the import's contacts. The cursor still
         * reads them in order later (scoring them again changes nothing). 0 turns the read ahead off.
         */
        @WithDefault("20")
        int aheadMaxTransaction();

        /**
         * Events one read ahead looks at: the newest this many past the cursor or the previous read ahead, whichever is
         * further (older ones are left to the cursor).
         */
        @WithDefault("20000")
        int aheadScan();

        /**
         * The most single writes one read ahead scores, the newest first, counted in {@link #tenantBudget()}: while
         * the backlog is itself made of single writes, what reading ahead does twice stays a fifth of a page.
         */
        @WithDefault("200")
        int aheadMaxEvents();

        /** A running job not heard of for this long is considered lost, so a new one may start. */
        @WithDefault("PT15M")
        Duration jobTimeout();
    }

    /** Model training. */
    interface Training {
        /** The worker queues a new training when the latest model of a kind is older than this (or there is none). */
        @WithDefault("P7D")
        Duration retrainAfter();

        /** L2 penalty on the standardised coefficients. */
        @WithDefault("0.01")
        double l2();

        /** Share of the examples, the most recent by lead date, held out to measure the model. */
        @WithDefault("0.2")
        double holdout();

        /** A feature must be present in at least this many examples to be used. */
        @WithDefault("10")
        int minSupport();

        /** At most this many features, the most frequent first. */
        @WithDefault("200")
        int maxFeatures();
    }
}
