package dev.torre.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Torre's own settings ({@code torre.*}, or {@code TORRE_*} in the environment). */
@ConfigMapping(prefix = "torre")
public interface TorreConfig {

    Phone phone();

    RateLimit rateLimit();

    Portal portal();

    BulkRead bulkRead();

    Encryption encryption();

    Retention retention();

    Db db();

    Http http();

    /** Bounds on a request's head, applied before any route runs (platform.rest.RequestLimits, HeaderDeadline). */
    interface Http {
        /** The longest request line answered; a longer one is a 414 problem. */
        @WithDefault("16384")
        int maxRequestLine();

        /** The most header bytes answered; more are a 431 problem. */
        @WithDefault("20K")
        io.quarkus.runtime.configuration.MemorySize maxHeaderSize();

        /**
         * How long a connection may take to send a whole request head, from its opening or from the first byte after
         * its previous answer; past it, a 408 problem and the connection is closed (a slow-loris client dripping
         * header lines). 0 turns the deadline off.
         */
        @WithDefault("10s")
        java.time.Duration headerDeadline();

        /**
         * The largest body a REST endpoint or GraphQL takes, unless the endpoint is marked {@code @LargeBody} (batches,
         * import files), which takes up to {@code quarkus.http.limits.max-body-size}; a larger one is a 413 problem
         * (platform.rest.BodyCaps).
         */
        @WithDefault("1M")
        io.quarkus.runtime.configuration.MemorySize bodyLimit();

        /**
         * The most bytes read and dropped after an answer given before its request's body was read (a 413 on the
         * announced length or at the cap, a 401): enough for a body up to twice the 8 MB cap to be sent whole, so a
         * client that writes its body before reading gets its answer; past it the connection is closed
         * (platform.rest.UnreadBodies).
         */
        @WithDefault("24M")
        io.quarkus.runtime.configuration.MemorySize unreadBodyLimit();
    }

    /**
     * Bounds on how long one SQL statement may run, set on each pooled connection with the tenant stamp (no extra
     * round trip); a statement past its bound is cancelled and answered {@code 503 /problems/query-timeout}.
     */
    interface Db {
        /** For statements of API requests (REST and GraphQL); 0 turns the bound off. */
        @WithDefault("5s")
        java.time.Duration statementTimeout();

        /** For background work (jobs, the scoring worker, deliveries) and start-up (migrations); 0 turns it off. */
        @WithDefault("15m")
        java.time.Duration jobStatementTimeout();

        /**
         * How long a write may wait for concurrent writers of the same unique values (emails, external ids) to finish
         * before it is answered 503 with Retry-After; the wait is queueing, not work, so it has its own bound.
         */
        @WithDefault("30s")
        java.time.Duration keyClaimWait();
    }

    /** The scheduled job that applies retention rules (read by its {@code @Scheduled} expressions). */
    interface Retention {
        /** How often the job runs. */
        @WithDefault("1h")
        String every();

        /** How long after start the first run waits. */
        @WithDefault("5m")
        String delay();
    }

    /** Encryption of sensitive custom properties at rest. */
    interface Encryption {
        /** 32 random bytes, base64-encoded (AES-256); without it sensitive properties cannot be defined. */
        java.util.Optional<String> key();
    }

    /** Torre's defaults for the bulk-read guard; each tenant may set its own. */
    interface BulkRead {
        /** Records an actor may receive from lists, searches and exports per sliding hour in working hours; 0 turns the guard off (bulk reads are still audited). */
        @WithDefault("5000")
        int perHour();

        /** The same outside the tenant's working hours. */
        @WithDefault("1000")
        int perHourOutsideWorkingHours();

        /** Working hours' time zone when a tenant has not set its own. */
        @WithDefault("Europe/Madrid")
        String timeZone();
    }

    /** The preference portal's own tokens, signed with a key only Torre holds. */
    interface Portal {
        /** The issuer written into portal tokens; must differ from the configured issuer of partner tokens. */
        @WithDefault("torre-portal")
        String issuer();

        /** PEM (PKCS#8) private key that signs portal tokens; without it no portal token can be minted. */
        java.util.Optional<String> privateKeyLocation();

        /** PEM public key of that pair, which verifies portal tokens. */
        java.util.Optional<String> publicKeyLocation();

        /** How long a portal token lives. */
        @WithDefault("PT15M")
        java.time.Duration tokenLifetime();
    }

    Service service();

    /** Tickets and their SLAs. */
    interface Service {
        /** How often the SLA job looks for warnings, breaches and stale tickets ("off" disables it). */
        @WithDefault("30s")
        String slaCheckEvery();

        /** A ticket with no activity for this long (ISO-8601 duration) emits ticket.stale, once until it moves again. */
        @WithDefault("PT72H")
        java.time.Duration staleAfter();
    }

    /** Phone number normalisation. */
    interface Phone {
        /** ISO 3166 region used for numbers written without a country prefix. */
        @WithDefault("ES")
        String defaultRegion();
    }

    GraphQL graphql();

    Security security();

    /** Bearer tokens beyond what SmallRye JWT checks (issuer, key, expiry, and the optional mp.jwt.verify.audiences). */
    interface Security {
        /**
         * The oldest a bearer token may be: one issued ({@code iat}) longer ago, or issued to live
         * ({@code exp - iat}) longer than this, is refused with 401, so a leaked long-lived token has a bounded use.
         */
        @WithDefault("PT24H")
        java.time.Duration maxTokenAge();
    }

    /** Limits of GraphQL beyond those of SmallRye (depth, fields). */
    interface GraphQL {
        /**
         * The most rows a GraphQL request may return at worst — the product of {@code first} down nested
         * lists, summed over every list the request names (aliases and fragments included); a query past
         * it is refused before it runs.
         */
        @WithDefault("10000")
        int maxRows();
    }

    /** Requests each tenant may make, counted across every server instance (platform.rest.SharedWindows). */
    interface RateLimit {
        /** Sustained requests per second per tenant; 0 turns the limit off. */
        @WithDefault("2000")
        int perSecond();

        /** Requests a tenant may make in one window of burst / per-second seconds. */
        @WithDefault("4000")
        int burst();

        /** An instance reserves 1/lease-parts of a window's limit at a time from the shared count (one statement each). */
        @WithDefault("20")
        int leaseParts();
    }
}
