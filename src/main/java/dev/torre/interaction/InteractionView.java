package dev.torre.interaction;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Type;

/** An interaction as the API shows it. */
@Type("Interaction")
public record InteractionView(
        @Id UUID id,
        InteractionType type,
        Direction direction,
        Instant occurredAt,
        String purpose,
        String subject,
        String body,
        String fromAddress,
        String toAddress,
        Integer durationSeconds,
        String recordingUrl,
        String pageUrl,
        BigDecimal sentiment,
        UUID contactId,
        UUID companyId,
        UUID dealId,
        UUID ticketId,
        String externalMessageId,
        @Ignore Map<String, Object> properties,
        String status,
        long version,
        Instant createdAt,
        Instant updatedAt,
        Instant archivedAt) {

    static InteractionView of(Interaction i) {
        return new InteractionView(i.id, i.type, i.direction, i.occurredAt, i.purpose, i.subject, i.body, i.fromAddress,
                i.toAddress, i.durationSeconds, i.recordingUrl, i.pageUrl, i.sentiment, i.contactId, i.companyId, i.dealId,
                i.ticketId, i.externalMessageId, i.properties, i.status, i.version, i.createdAt, i.updatedAt, i.archivedAt);
    }
}
