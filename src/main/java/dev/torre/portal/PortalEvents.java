package dev.torre.portal;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.torre.platform.event.DeclaredEvents;

/** The event types the preference portal writes. */
public class PortalEvents {

    @Produces
    @Singleton
    DeclaredEvents portalTokenEvents() {
        return DeclaredEvents.of("portal_token", "issued");
    }
}
