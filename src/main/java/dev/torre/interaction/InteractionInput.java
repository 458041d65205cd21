package dev.torre.interaction;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The writable fields of an interaction. */
@Schema(name = "InteractionInput", description = "The writable fields of an interaction")
public record InteractionInput(
        @NotNull InteractionType type,
        @NotNull Direction direction,
        @NotNull @Schema(description = "When it happened (RFC 3339)") Instant occurredAt,
        @Size(max = 40) @Schema(description = "Why an outbound message is sent (marketing, service_notifications, ...); consent is checked for it") String purpose,
        @Size(max = 500) String subject,
        @Size(max = 100_000) @Schema(description = "The body or a summary") String body,
        @Size(max = 320) @Schema(description = "Sender: e-mail address or phone number", examples = "ana@example.com") String fromAddress,
        @Size(max = 320) String toAddress,
        @Min(0) @Max(86_400 * 7) Integer durationSeconds,
        @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String recordingUrl,
        @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String pageUrl,
        @DecimalMin("-1") @DecimalMax("1") @Schema(description = "-1 (negative) to 1 (positive)") BigDecimal sentiment,
        UUID contactId,
        UUID companyId,
        UUID dealId,
        UUID ticketId,
        @Size(max = 500) @Schema(description = "The channel's own message id; the same message is stored once") String externalMessageId,
        @Schema(description = "Recorded with an outbound message the contact has not consented to, and why") @Size(max = 500) String consentOverrideReason,
        @Schema(description = "Custom fields: a JSON object of up to 100 keys") Map<String, Object> properties,
        @Pattern(regexp = "queued|sent|delivered|opened|clicked|bounced|failed|replied", message = "must be one of queued, sent, delivered, opened, clicked, bounced, failed, replied")
        @Schema(description = "Delivery status of an outbound message, reported by the delivery partner", enumeration = { "queued", "sent", "delivered", "opened", "clicked", "bounced", "failed", "replied" }) String status) {

    /** The same input with these custom properties (as they will be stored: sensitive ones sealed). */
    public InteractionInput withProperties(Map<String, Object> properties) {
        return new InteractionInput(type, direction, occurredAt, purpose, subject, body, fromAddress, toAddress, durationSeconds, recordingUrl, pageUrl, sentiment, contactId, companyId, dealId, ticketId, externalMessageId, consentOverrideReason, properties, status);
    }

}
