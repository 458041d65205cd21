package dev.torre.platform.feed;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.torre.platform.access.AccessPolicies;
import dev.torre.platform.access.GuardedType;
import dev.torre.platform.security.Permissions;

/**
 * Which events a caller may read from the feed: those about a kind of record it may read
 * itself, through its roles and its token's scopes alike. An event is about what its entity
 * type names; each type needs the read scope of the records it reveals. A type not listed
 * here (a new one, until someone lists it) is shown only to callers holding {@link #ALL}.
 */
@ApplicationScoped
public class EventReaders {

    /** Every event, whatever its type: admins, unless their token narrows itself. */
    static final String ALL = "events:admin";

    /** The read scope of event types that are not governed object types (those need their own scope's read). */
    private static final Map<String, String> SCOPES = Map.ofEntries(
            Map.entry("pipeline", "deals:read"),
            Map.entry("pipeline_stage", "deals:read"),
            Map.entry("consent", "consents:read"),
            Map.entry("consent_policy", "consents:read"),
            Map.entry("nps_response", "tickets:read"),
            Map.entry("sla_policy", "tickets:read"),
            Map.entry("business_calendar", "tickets:read"),
            Map.entry("ticket_priority_rule", "tickets:read"),
            Map.entry("scoring_model", "scoring:read"),
            Map.entry("segment", "segments:read"),
            Map.entry("workflow", "workflows:read"),
            Map.entry("message", "interactions:read"),
            Map.entry("scoring_rule", "scoring:read"),
            Map.entry("scoring_settings", "scoring:read"),
            Map.entry("privacy_request", "privacy:read"),
            Map.entry("retention_policy", "privacy:read"),
            Map.entry("retention", "privacy:read"),
            Map.entry("portal_token", "portal-tokens:write"),
            Map.entry("property_definition", "property-definitions:read"),
            Map.entry("access_policy", "access-policy:admin"),
            Map.entry("security", "security:admin"),
            Map.entry("bulk_read_policy", "security:admin"),
            Map.entry("messaging_settings", "messaging-settings:read"),
            Map.entry("team", "teams:read"));

    @Inject
    AccessPolicies access;

    @Inject
    Permissions permissions;

    /** The scope needed to read events of each known entity type. */
    Map<String, String> scopes() {
        Map<String, String> all = new HashMap<>(SCOPES);
        for (GuardedType type : access.types()) {
            all.put(type.name(), type.scope() + ":read");
        }
        return all;
    }

    /** The entity types whose events the caller may read, or empty when it may read every event. */
    public Optional<Set<String>> readableTypes() {
        if (permissions.allows(ALL)) {
            return Optional.empty();
        }
        return Optional.of(scopes().entrySet().stream().filter(e -> permissions.allows(e.getValue()))
                .map(Map.Entry::getKey).collect(Collectors.toSet()));
    }
}
