package dev.torre.platform.tenancy;

import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling in this request: tenant, actor, roles and scopes, read once from the token. */
@RequestScoped
public class Caller {

    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    @Inject
    JsonWebToken token;

    private String tenant;
    private String actor;
    private Set<String> roles = Set.of();
    private Set<String> scopes;
    private String requestId;
    private String clientIp;

    private boolean read;

    /** Reads the token on first use, after authentication has run. */
    private void read() {
        if (read) {
            return;
        }
        read = true;
        if (token == null || token.getRawToken() == null) {
            return;
        }
        Object tid = token.getClaim("tid");
        if (tid != null && TENANT.matcher(tid.toString()).matches()) {
            tenant = tid.toString();
        }
        actor = token.getSubject();
        roles = token.getGroups() == null ? Set.of() : Set.copyOf(token.getGroups());
        scopes = narrowest(scopes(token.getClaim("scope")), scopes(token.getClaim("scp")));
    }

    /**
     * The scopes a claim lists: a space-separated string (OAuth's {@code scope}) or an array of strings
     * (the {@code scp} of several identity providers); null when absent, and none at all when it has
     * any other shape, so a malformed claim narrows the token to nothing rather than not at all.
     */
    static Set<String> scopes(Object claim) {
        if (claim == null) {
            return null;
        }
        if (claim instanceof java.util.Collection<?> list) {
            Set<String> out = new java.util.HashSet<>();
            for (Object item : list) {
                String text = item instanceof jakarta.json.JsonString s ? s.getString() : item instanceof String s ? s : null;
                if (text == null) {
                    return Set.of();
                }
                out.addAll(words(text));
            }
            return out;
        }
        String text = claim instanceof jakarta.json.JsonString s ? s.getString() : claim instanceof String s ? s : null;
        return text == null ? Set.of() : words(text);
    }

    private static Set<String> words(String text) {
        // a scope listed twice is allowed (Set.of would refuse it)
        return text.isBlank() ? Set.of() : Set.copyOf(java.util.Arrays.asList(text.trim().split("\\s+")));
    }

    /** A token naming scopes in both claims may use only those both allow. */
    private static Set<String> narrowest(Set<String> scope, Set<String> scp) {
        if (scope == null || scp == null) {
            return scope == null ? scp : scope;
        }
        Set<String> both = new java.util.HashSet<>(scope);
        both.retainAll(scp);
        return both;
    }

    /** The caller's tenant, or null when the request carries no valid token. */
    public String tenant() {
        read();
        return tenant;
    }

    public String actor() {
        read();
        return actor;
    }

    /** The id that ties this request's log lines and events together. */
    public String requestId() {
        if (requestId == null) {
            requestId = dev.torre.platform.ids.Ids.next().toString();
        }
        return requestId;
    }

    /**
     * The client's address as the server saw it, for the audit of bulk reads; null outside HTTP.
     * REST sets it on the way in; other transports (GraphQL) take it from the HTTP request here.
     */
    public String clientIp() {
        if (clientIp == null) {
            io.vertx.ext.web.RoutingContext http = io.quarkus.arc.Arc.container()
                    .instance(io.quarkus.vertx.http.runtime.CurrentVertxRequest.class).get().getCurrent();
            if (http != null && http.request().remoteAddress() != null) {
                clientIp = http.request().remoteAddress().hostAddress();
            }
        }
        return clientIp;
    }

    public void useClientIp(String ip) {
        this.clientIp = ip;
    }

    public void useRequestId(String id) {
        this.requestId = id;
    }

    /**
     * The contact a preference-portal token speaks for (its subject), or null for any other
     * caller. Only this, never a path or body, says which contact {@code /v1/me} is about.
     */
    public java.util.UUID portalContact() {
        read();
        if (!roles.contains("portal") || actor == null) {
            return null;
        }
        try {
            return java.util.UUID.fromString(actor);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The caller's roles, as the token names them. */
    public Set<String> roles() {
        read();
        return roles;
    }

    /** The token's scopes, or null when it does not narrow itself. */
    public Set<String> scopes() {
        read();
        return scopes;
    }

    /**
     * Makes this request context speak for a stored caller (a webhook subscription's owner) in background work, so
     * the same access rules decide what it may read and see as in a request of its own.
     */
    public void actAs(String tenant, String actor, Set<String> roles, Set<String> scopes) {
        this.read = true;
        this.tenant = tenant;
        this.actor = actor;
        this.roles = Set.copyOf(roles);
        this.scopes = scopes == null ? null : Set.copyOf(scopes);
    }

    public boolean hasRole(String role) {
        read();
        return roles.contains(role);
    }

    /** Whether the token's optional {@code scope} or {@code scp} claim allows this scope (neither: no narrowing). */
    public boolean scopeAllows(String scope) {
        read();
        return scopes == null || scopes.contains(scope);
    }
}
