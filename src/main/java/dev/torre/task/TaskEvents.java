package dev.torre.task;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.torre.platform.event.DeclaredEvents;

/** The event types tasks write besides the shared record operations. */
public class TaskEvents {

    @Produces
    @Singleton
    DeclaredEvents taskEvents() {
        return DeclaredEvents.of("task", "completed");
    }
}
