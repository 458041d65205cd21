package dev.torre.usage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import dev.torre.platform.error.Failures;
import dev.torre.platform.persistence.WorkerTick;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.time.ServerClock;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Counts every authenticated API request, REST and GraphQL alike, by tenant, day (UTC), API client (none for other
 * tokens) and operation family (the first path segment after {@code /v1/}, or {@code graphql}), with its outcome:
 * 4xx, 429 or 5xx. Counts are kept in memory and added to {@code api_usage} with one upsert per key every
 * {@code torre.usage.flush-every} (a minute) and at shutdown; a crash loses at most that much.
 */
@ApplicationScoped
public class UsageRecorder {

    @Inject
    ServerClock clock;

    private static final Logger LOG = Logger.getLogger(UsageRecorder.class);

    /** One line of usage: whose, which day, which family. */
    record Key(String tenant, LocalDate day, String clientId, String family) {
    }

    /** A key's counts since the last flush; retired once flushed, so a late request starts a new one. */
    static final class Counts {
        long total;
        long clientErrors;
        long rateLimited;
        long serverErrors;
        boolean retired;

        synchronized boolean add(int status) {
            if (retired) {
                return false;
            }
            total++;
            if (status == 429) {
                rateLimited++;
            } else if (status >= 500) {
                serverErrors++;
            } else if (status >= 400) {
                clientErrors++;
            }
            return true;
        }

        synchronized long[] retire() {
            retired = true;
            return new long[] { total, clientErrors, rateLimited, serverErrors };
        }
    }

    private final Map<Key, Counts> counts = new ConcurrentHashMap<>();

    @Inject
    DataSource dataSource;

    void install(@Observes Router router, JWTParser tokens) {
        // first of all (beside the body limit), so the answers of the portal boundary and of GraphQL's rate are counted too
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String family = family(context.normalizedPath());
            JsonWebToken token = family == null ? null : verified(context, tokens);
            Object tid = token == null ? null : token.getClaim("tid");
            if (tid != null) {
                Object client = token.getClaim("client_id");
                String tenant = tid.toString();
                String clientId = client == null ? "" : client.toString();
                // counted as the headers go out, so the count exists before the caller has the answer
                context.addHeadersEndHandler(done -> record(tenant, clientId, family, context.response().getStatusCode()));
            }
            context.next();
        });
    }

    /** Counts one finished request. */
    void record(String tenant, String clientId, String family, int status) {
        Key key = new Key(tenant, LocalDate.ofInstant(clock.now(), ZoneOffset.UTC), clientId, family);
        while (!counts.computeIfAbsent(key, k -> new Counts()).add(status)) {
            Thread.onSpinWait(); // the flush just took this key's counts: a fresh entry replaces it
        }
    }

    /** Adds what was counted since the last flush to the table: one upsert per key, a transaction per tenant. */
    @WorkerTick
    @Scheduled(every = "${torre.usage.flush-every:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public synchronized void flush() {
        Map<String, Map<Key, long[]>> byTenant = new LinkedHashMap<>();
        for (Map.Entry<Key, Counts> entry : new ArrayList<>(counts.entrySet())) {
            long[] taken = entry.getValue().retire();
            counts.remove(entry.getKey(), entry.getValue());
            if (taken[0] > 0) {
                byTenant.computeIfAbsent(entry.getKey().tenant(), t -> new LinkedHashMap<>()).put(entry.getKey(), taken);
            }
        }
        RuntimeException outage = null;
        for (Map.Entry<String, Map<Key, long[]>> tenantLines : byTenant.entrySet()) {
            String tenant = tenantLines.getKey();
            try {
                TenantContext.callAs(tenant, () -> write(tenant, tenantLines.getValue()));
            } catch (RuntimeException e) {
                if (Failures.unreachable(e)) {
                    outage = e; // said once by the tick (platform.persistence.WorkerTicks), not once per tenant
                } else {
                    LOG.warnf(e, "Usage of tenant %s could not be recorded", tenant);
                }
            }
        }
        if (outage != null) {
            throw outage;
        }
    }

    void flushAtShutdown(@Observes ShutdownEvent event) {
        flush();
    }

    private int write(String tenant, Map<Key, long[]> lines) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        insert into api_usage as u (tenant_id, day, client_id, family, total, client_errors, rate_limited, server_errors)
                        values (?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (tenant_id, day, client_id, family) do update set
                            total = u.total + excluded.total, client_errors = u.client_errors + excluded.client_errors,
                            rate_limited = u.rate_limited + excluded.rate_limited, server_errors = u.server_errors + excluded.server_errors
                        """)) {
            for (Map.Entry<Key, long[]> line : lines.entrySet()) {
                ps.setString(1, tenant);
                ps.setObject(2, line.getKey().day());
                ps.setString(3, line.getKey().clientId());
                ps.setString(4, line.getKey().family());
                for (int i = 0; i < 4; i++) {
                    ps.setLong(5 + i, line.getValue()[i]);
                }
                ps.addBatch();
            }
            ps.executeBatch();
            return lines.size();
        } catch (SQLException e) {
            throw new IllegalStateException("Writing usage failed", e);
        }
    }

    /** The operation family of a path: {@code /v1/contacts/...} → {@code contacts}, {@code /graphql} → graphql; null for others. */
    static String family(String path) {
        if (path == null) {
            return null;
        }
        if (path.equals("/graphql") || path.startsWith("/graphql/")) {
            return "graphql";
        }
        if (!path.startsWith("/v1/") || path.length() == 4) {
            return null;
        }
        int end = path.indexOf('/', 4);
        String family = end < 0 ? path.substring(4) : path.substring(4, end);
        return family.matches("[a-z][a-z-]{0,39}") ? family : null;
    }

    private static JsonWebToken verified(RoutingContext context, JWTParser tokens) {
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        try {
            return tokens.parse(authorization.substring(7).trim());
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }
}
