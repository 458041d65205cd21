package dev.torre.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Type;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A webhook subscription as the API shows it; {@code secret} only in the answer that created or rotated it. */
@Type("Webhook")
public record WebhookView(@Id UUID id, String url, List<String> eventTypes, List<String> fields, String filter,
        String description, boolean enabled, String disabledReason,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Ignore
        @Schema(description = "The signing secret (whsec_...), shown only when created or rotated") String secret,
        Instant previousSecretExpiresAt, long version, Instant createdAt, Instant updatedAt, Instant archivedAt) {

    static WebhookView of(Webhook w) {
        return new WebhookView(w.id, w.url, List.copyOf(w.eventTypes), w.fields == null ? null : List.copyOf(w.fields),
                w.filter, w.description, w.enabled, w.disabledReason, w.revealedSecret, w.previousSecretUntil,
                w.version, w.createdAt, w.updatedAt, w.archivedAt);
    }
}
