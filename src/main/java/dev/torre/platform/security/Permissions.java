package dev.torre.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.torre.platform.tenancy.Caller;

/**
 * Whether the current caller holds a scope: a role that grants it ({@code admin} everything, {@code readonly} only
 * {@code *:read}, governed object types by the tenant's access policy) and, when the token narrows itself with a
 * {@code scope} claim, that scope listed there. {@link RequiresScope} enforces it; code that assembles several
 * capabilities' data asks it first, to leave out what the caller may not see instead of failing whole.
 */
@ApplicationScoped
public class Permissions {

    @Inject
    Caller caller;

    @Inject
    PolicyGrants access;

    public boolean allows(String scope) {
        return caller.tenant() != null && roleGrants(scope) && caller.scopeAllows(scope);
    }

    boolean roleGrants(String scope) {
        if (caller.hasRole("admin")) {
            return true;
        }
        // reads and writes of governed object types (contacts, companies, ...) follow the tenant's access policy
        return access.allowsScope(scope).orElseGet(() -> (scope.endsWith(":read") && caller.hasRole("readonly"))
                || Roles.grants(caller::hasRole, scope));
    }
}
