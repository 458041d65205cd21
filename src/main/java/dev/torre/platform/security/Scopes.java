package dev.torre.platform.security;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scopes Torre knows, as {@code <family>:<action>}: what an API client may be given. The families are those the
 * services name in {@link RequiresScope} (an architecture test keeps this list complete); the portal's {@code me:*}
 * scopes are left out, since only portal tokens carry them.
 */
public final class Scopes {

    /** Every scope family a service checks. */
    public static final Set<String> FAMILIES = Set.of("contacts", "companies", "deals", "products", "orders", "interactions",
            "tickets", "tasks", "consents", "consent-policy", "segments", "scoring", "webhooks", "events", "privacy", "audit",
            "security", "property-definitions", "access-policy", "portal-tokens", "api-clients", "usage", "imports", "exports", "workflows",
            "messaging-settings", "teams");

    private static final Set<String> ACTIONS = Set.of("read", "write", "admin", "export", "view");
    private static final Pattern SCOPE = Pattern.compile("([a-z][a-z-]*):([a-z]+)");

    private Scopes() {
    }

    /** Whether a scope names a known family and action. */
    public static boolean known(String scope) {
        Matcher m = SCOPE.matcher(scope);
        return m.matches() && FAMILIES.contains(m.group(1)) && ACTIONS.contains(m.group(2));
    }
}
