package dev.torre.platform.security;

import java.util.Optional;

/**
 * The tenant's own say on a scope, beside the fixed role grants: the access policy decides
 * reads and writes of the object types it governs. Implemented above this package (by
 * {@code platform.access}), so that security does not depend on what it guards.
 */
public interface PolicyGrants {

    /** Whether the caller's roles may use {@code scope} by the tenant's policy; empty when the policy does not govern it. */
    Optional<Boolean> allowsScope(String scope);
}
