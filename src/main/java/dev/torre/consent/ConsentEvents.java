package dev.torre.consent;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.torre.platform.event.DeclaredEvents;

/** The event types the consent ledger writes. */
public class ConsentEvents {

    @Produces
    @Singleton
    DeclaredEvents consentEvents() {
        return DeclaredEvents.of("consent", "recorded", "overridden");
    }

    @Produces
    @Singleton
    DeclaredEvents consentPolicyEvents() {
        return DeclaredEvents.of("consent_policy", "updated");
    }
}
