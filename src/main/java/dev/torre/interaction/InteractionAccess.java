package dev.torre.interaction;

import java.util.Map;
import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.torre.platform.access.Access;
import dev.torre.platform.access.GuardedType;

/**
 * Interactions under the access policy: the teams that talk to customers log them; legal reads them. No policy
 * hides what happened, when, and to which records: timelines are built on those.
 */
public class InteractionAccess {

    @Produces
    @Singleton
    GuardedType interactionType() {
        return GuardedType.of(InteractionService.KIND, InteractionView.class,
                Set.of("type", "direction", "occurredAt", "contactId", "companyId", "dealId", "ticketId", "status"), Set.of(),
                Map.of("readonly", Access.READ, "sales", Access.READ_WRITE, "service", Access.READ_WRITE,
                        "marketing", Access.READ_WRITE, "legal", Access.READ));
    }
}
