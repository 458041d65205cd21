package dev.torre.privacy;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.torre.platform.event.DeclaredEvents;

/** The event types privacy requests and retention write. */
public class PrivacyEvents {

    @Produces
    @Singleton
    DeclaredEvents retentionPolicyEvents() {
        return DeclaredEvents.of("retention_policy", "created", "archived");
    }

    @Produces
    @Singleton
    DeclaredEvents retentionEvents() {
        return DeclaredEvents.of("retention", "applied");
    }

    @Produces
    @Singleton
    DeclaredEvents privacyRequestEvents() {
        return DeclaredEvents.of("privacy_request", "received", "completed", "failed");
    }

    @Produces
    @Singleton
    DeclaredEvents contactEvents() {
        return DeclaredEvents.of("contact", "erased");
    }
}
