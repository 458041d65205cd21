package dev.torre.interaction;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.torre.platform.access.Access;
import dev.torre.platform.access.GuardedType;

/** Interactions under the access policy: the teams that talk to customers log them; legal reads them. */
public class InteractionAccess {

    @Produces
    @Singleton
    GuardedType interactionType() {
        return new GuardedType("interaction", "interactions", "Interaction", InteractionView.class,
                List.of("purpose", "subject", "body", "fromAddress", "toAddress", "durationSeconds", "recordingUrl", "pageUrl",
                        "sentiment", "externalMessageId", "properties"),
                Map.of("readonly", Access.READ, "sales", Access.READ_WRITE, "service", Access.READ_WRITE,
                        "marketing", Access.READ_WRITE, "legal", Access.READ));
    }
}
