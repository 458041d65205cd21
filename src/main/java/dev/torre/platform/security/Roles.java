package dev.torre.platform.security;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What the business roles besides {@code admin} and {@code readonly} may do beyond the
 * object types of the access policy (contacts, companies, ...), as scope patterns:
 * {@code consents:*} is every consent scope, {@code *:read} every read. A scope no pattern
 * matches stays with admin.
 */
public final class Roles {

    /** The role of portal tokens; such a token may only call {@code /v1/me/*}. */
    public static final String PORTAL = "portal";

    private static final Map<String, List<String>> GRANTS = Map.of(
            "marketing", List.of("consents:*", "portal-tokens:write", "segments:*", "exports:*", "workflows:*"),
            "sales", List.of("consents:read"),
            "service", List.of("consents:read"),
            "legal", List.of("*:read", "consents:*", "privacy:*", "audit:view"),
            // a partner integration: manages its webhooks and reads the change feed; its other roles say what it sees
            "integration", List.of("webhooks:*", "events:read"),
            // a contact speaking for itself through the preference portal (see PortalBoundary)
            PORTAL, List.of("me:read", "me:write"));

    private Roles() {
    }

    /** The roles a token may name for a business caller: admin, readonly and those above (never the portal's). */
    public static java.util.Set<String> known() {
        java.util.Set<String> all = new java.util.TreeSet<>(GRANTS.keySet());
        all.add("admin");
        all.add("readonly");
        all.remove(PORTAL);
        return all;
    }

    /** Whether any role the caller holds grants the scope. */
    public static boolean grants(Predicate<String> hasRole, String scope) {
        for (Map.Entry<String, List<String>> role : GRANTS.entrySet()) {
            if (hasRole.test(role.getKey()) && role.getValue().stream().anyMatch(p -> matches(p, scope))) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String pattern, String scope) {
        int colon = scope.indexOf(':');
        if (colon < 0) {
            return pattern.equals(scope);
        }
        String resource = scope.substring(0, colon);
        String action = scope.substring(colon + 1);
        return pattern.equals(scope) || pattern.equals(resource + ":*") || pattern.equals("*:" + action);
    }
}
