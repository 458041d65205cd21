package dev.torre.transfer;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.torre.platform.event.DeclaredEvents;

/** The event types imports and exports write: the audit of who moved which data in or out, and how it ended. */
public class TransferEvents {

    @Produces
    @Singleton
    DeclaredEvents importEvents() {
        return DeclaredEvents.of("import", "queued", "completed", "failed", "cancelled");
    }

    @Produces
    @Singleton
    DeclaredEvents importMappingEvents() {
        return DeclaredEvents.of("import_mapping", "created", "updated", "archived");
    }

    @Produces
    @Singleton
    DeclaredEvents exportEvents() {
        return DeclaredEvents.of("export", "queued", "completed", "failed");
    }
}
