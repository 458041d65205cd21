package dev.torre.webhook;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.torre.platform.event.DeclaredEvents;

/** The event types subscriptions write besides the shared record operations. */
public class WebhookEvents {

    @Produces
    @Singleton
    DeclaredEvents webhookEvents() {
        return DeclaredEvents.of("webhook", "secret_rotated", "disabled");
    }
}
