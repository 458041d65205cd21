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
        Object scope = token.getClaim("scope");
        if (scope != null) {
            scopes = Set.of(scope.toString().trim().split("\\s+"));
        }
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

    /** The client's address as the server saw it, for the audit of bulk reads; null outside HTTP. */
    public String clientIp() {
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

    /** Whether the token's optional {@code scope} claim allows this scope (no claim: no narrowing). */
    public boolean scopeAllows(String scope) {
        read();
        return scopes == null || scopes.contains(scope);
    }
}
