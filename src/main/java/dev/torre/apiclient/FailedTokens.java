package dev.torre.apiclient;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.torre.platform.security.OAuthConfig;
import dev.torre.platform.time.ServerClock;

/**
 * Counts failed client authentications at the token endpoint per client id as sent, in a table every instance shares,
 * so that guessing a client's secret is throttled across instances: after {@code torre.oauth.failed-attempts} failures
 * within {@code torre.oauth.failed-attempts-window} (counted from the first), the id is refused until the window ends,
 * without checking the secret. Ids are counted by their SHA-256 whether or not a client has them, so a refusal says
 * nothing about whether the client exists. A success clears the count. Concurrent failures may overshoot the limit by
 * the number of attempts in flight.
 */
@ApplicationScoped
class FailedTokens {

    @Inject
    ServerClock clock;

    /** What is known of an id's recent failures: how many, and the seconds until it may try again (0: now). */
    record Attempts(int failures, long retryAfter) {
    }

    @Inject
    DataSource dataSource;

    @Inject
    OAuthConfig config;

    Attempts of(String clientId) {
        Instant now = clock.now();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select first_failed, failures from token_failure where client_key = ?")) {
            ps.setString(1, key(clientId));
            try (ResultSet row = ps.executeQuery()) {
                if (!row.next()) {
                    return new Attempts(0, 0);
                }
                Instant ends = row.getTimestamp(1).toInstant().plus(config.failedAttemptsWindow());
                if (!now.isBefore(ends)) {
                    return new Attempts(0, 0);
                }
                int failures = row.getInt(2);
                long wait = failures >= config.failedAttempts() ? Math.max(1, (ends.toEpochMilli() - now.toEpochMilli() + 999) / 1000) : 0;
                return new Attempts(failures, wait);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The failed token attempts could not be read", e);
        }
    }

    /** Counts a failure: the first of a new window, or one more in the current one. */
    void failed(String clientId) {
        Instant now = clock.now();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into token_failure as f (client_key, first_failed, failures) values (?, ?, 1)
                    on conflict (client_key) do update set
                        failures = case when f.first_failed <= ? then 1 else f.failures + 1 end,
                        first_failed = case when f.first_failed <= ? then excluded.first_failed else f.first_failed end
                    """)) {
                Timestamp windowStart = Timestamp.from(now.minus(config.failedAttemptsWindow()));
                ps.setString(1, key(clientId));
                ps.setTimestamp(2, Timestamp.from(now));
                ps.setTimestamp(3, windowStart);
                ps.setTimestamp(4, windowStart);
                ps.executeUpdate();
            }
            if (ThreadLocalRandom.current().nextInt(100) == 0) {
                // ids that stopped failing (or never were clients) leave no row behind; a bounded batch at a time
                try (PreparedStatement ps = c.prepareStatement("""
                        delete from token_failure where client_key in (
                            select client_key from token_failure where first_failed < ? limit 1000)
                        """)) {
                    ps.setTimestamp(1, Timestamp.from(now.minus(config.failedAttemptsWindow())));
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The failed token attempt could not be counted", e);
        }
    }

    /** Clears the id's failures after it authenticated. */
    void cleared(String clientId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("delete from token_failure where client_key = ?")) {
            ps.setString(1, key(clientId));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("The failed token attempts could not be cleared", e);
        }
    }

    private static String key(String clientId) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(clientId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
