package dev.torre.interaction;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.torre.platform.event.DeclaredEvents;

/** The event types interactions write (kept by a record store of their own). */
public class InteractionEvents {

    @Produces
    @Singleton
    DeclaredEvents interactionEvents() {
        return DeclaredEvents.of("interaction", "created", "updated", "archived", "restored");
    }
}
