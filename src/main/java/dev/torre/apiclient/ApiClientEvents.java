package dev.torre.apiclient;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.torre.platform.event.DeclaredEvents;

/** The event types API clients write besides the shared record operations. */
public class ApiClientEvents {

    @Produces
    @Singleton
    DeclaredEvents apiClientEvents() {
        return DeclaredEvents.of("api_client", "secret_rotated");
    }
}
