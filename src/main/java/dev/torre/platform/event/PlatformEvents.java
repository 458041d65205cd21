package dev.torre.platform.event;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;


/** The event types the platform itself writes: security, access policy, property definitions. */
public class PlatformEvents {

    @Produces
    @Singleton
    DeclaredEvents securityEvents() {
        return DeclaredEvents.of("security", "bulk_read_blocked", "block_lifted");
    }

    @Produces
    @Singleton
    DeclaredEvents bulkReadPolicyEvents() {
        return DeclaredEvents.of("bulk_read_policy", "updated");
    }

    @Produces
    @Singleton
    DeclaredEvents accessPolicyEvents() {
        return DeclaredEvents.of("access_policy", "updated");
    }

    @Produces
    @Singleton
    DeclaredEvents propertyDefinitionEvents() {
        return DeclaredEvents.of("property_definition", "created", "archived");
    }
}
