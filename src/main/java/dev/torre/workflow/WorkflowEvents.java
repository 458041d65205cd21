package dev.torre.workflow;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.torre.platform.event.DeclaredEvents;

/** The event types workflows write besides their definitions' record events. */
public class WorkflowEvents {

    @Produces
    @Singleton
    DeclaredEvents workflowEvents() {
        return DeclaredEvents.of("workflow", "run_started", "run_completed", "run_failed", "webhook");
    }

    /** A message a workflow asks the delivery partner to send (the outbound interaction is its id). */
    @Produces
    @Singleton
    DeclaredEvents messageEvents() {
        return DeclaredEvents.of("message", "requested");
    }

    /** A tenant's messaging settings (caps, quiet hours, time zone) were replaced. */
    @Produces
    @Singleton
    DeclaredEvents messagingSettingsEvents() {
        return DeclaredEvents.of("messaging_settings", "updated");
    }
}
