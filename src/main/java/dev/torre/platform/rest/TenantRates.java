package dev.torre.platform.rest;

import dev.torre.platform.time.ServerClock;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import dev.torre.platform.config.TorreConfig;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.TorreException;

/**
 * The rates of tenants and API clients, shared by every transport (REST and GraphQL draw on the same windows) and by
 * every server instance ({@link SharedWindows}: fixed windows counted in PostgreSQL, spent in local leases). A tenant
 * may make {@code torre.rate-limit.burst} requests in each window of {@code burst / per-second} seconds (4000 in 2 s
 * by default); an API client with a rate of its own ({@code rate} claim of its tokens) that many in each second.
 */
@ApplicationScoped
public class TenantRates {

    @Inject
    ServerClock clock;

    private static final Logger LOG = Logger.getLogger(TenantRates.class);

    /** An API client's own rate, read from its token: its id and requests per second. */
    public record ClientRate(String clientId, int perSecond) {

        /** The rate a token carries, or null when it is not a rate-limited client's. */
        public static ClientRate of(JsonWebToken token) {
            if (token == null || token.getRawToken() == null) {
                return null;
            }
            Object client = token.getClaim("client_id");
            Object rate = token.getClaim("rate");
            int perSecond = rate instanceof jakarta.json.JsonNumber n ? n.intValue() : rate instanceof Number n ? n.intValue() : 0;
            return client == null || perSecond <= 0 ? null : new ClientRate(client.toString(), perSecond);
        }
    }

    /** What one request was granted: whether it may go on, what is left, and when the window resets. */
    public record Grant(boolean allowed, long remaining, long retryAfterSeconds, int limit, int perSecond, boolean byClient) {

        /** The problem a request over its rate is answered with, whatever the transport. */
        public TorreException refusal() {
            String who = byClient ? "This API client is" : "Your tenant is";
            return new TorreException(ErrorCode.RATE_LIMITED,
                    who + " over " + perSecond + " requests per second; retry after " + retryAfterSeconds + " s",
                    java.util.List.of(), headers());
        }

        /** The RateLimit-* headers of an answer (and Retry-After when refused). */
        public Map<String, String> headers() {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("RateLimit-Limit", Integer.toString(limit));
            headers.put("RateLimit-Remaining", Long.toString(remaining));
            headers.put("RateLimit-Reset", Long.toString(retryAfterSeconds));
            if (!allowed) {
                headers.put("Retry-After", Long.toString(retryAfterSeconds));
            }
            return headers;
        }
    }

    @Inject
    TorreConfig config;

    @Inject
    DataSource dataSource;

    private SharedWindows windows;

    @PostConstruct
    void init() {
        windows = new SharedWindows(dataSource, clock, config.rateLimit().leaseParts());
    }

    /** Takes one request from the tenant's window, or null when rates are off or there is no tenant. */
    public Grant take(String tenant) {
        return take(tenant, null);
    }

    /** Takes one request from the tenant's window and, for a rate-limited API client, from the client's. */
    public Grant take(String tenant, ClientRate client) {
        if (tenant == null) {
            return null;
        }
        try {
            Grant byTenant = null;
            int perSecond = config.rateLimit().perSecond();
            if (perSecond > 0) {
                int seconds = tenantWindow();
                SharedWindows.Take t = windows.take(tenant, "tenant", perSecond * seconds, seconds);
                if (t != null) { // null: the database is unreachable, and the request goes on uncounted
                    byTenant = new Grant(t.allowed(), t.remaining(), t.resetSeconds(), t.limit(), perSecond, false);
                    if (!byTenant.allowed()) {
                        return byTenant;
                    }
                }
            }
            if (client == null) {
                return byTenant;
            }
            SharedWindows.Take c = windows.take(tenant, "client:" + client.clientId(), client.perSecond(), 1);
            if (c == null) {
                return byTenant;
            }
            Grant byClient = new Grant(c.allowed(), c.remaining(), c.resetSeconds(), c.limit(), client.perSecond(), true);
            return byTenant == null || !byClient.allowed() || byClient.remaining() < byTenant.remaining() ? byClient : byTenant;
        } catch (RuntimeException e) {
            // a limiter that cannot count lets requests through rather than refusing them all
            LOG.warnf("Rate not checked for tenant %s: %s", tenant, e.getMessage());
            return null;
        }
    }

    /** Whether {@link #take} can answer without the database (GraphQL then stays on the event loop). */
    public boolean answerableLocally(String tenant, ClientRate client) {
        if (tenant == null) {
            return true;
        }
        boolean tenantLocal = config.rateLimit().perSecond() <= 0 || windows.answerableLocally(tenant, "tenant", tenantWindow());
        return tenantLocal && (client == null || windows.answerableLocally(tenant, "client:" + client.clientId(), 1));
    }

    private int tenantWindow() {
        int perSecond = config.rateLimit().perSecond();
        return Math.max(1, config.rateLimit().burst() / Math.max(1, perSecond));
    }
}
