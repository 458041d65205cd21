package dev.torre.contact;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Type;

/** A contact as the API shows it. */
@Type("Contact")
public record ContactView(
        @Id UUID id,
        String firstName,
        String lastName,
        String email,
        String phone,
        UUID companyId,
        LifecycleStage lifecycleStage,
        String ownerId,
        ContactInput.Source source,
        List<String> tags,
        String externalId,
        @Ignore Map<String, Object> properties,
        long version,
        Instant createdAt,
        Instant updatedAt,
        Instant archivedAt,
        Instant lastInteractionAt,
        Instant lastInboundAt) {

    static ContactView of(Contact c) {
        return new ContactView(c.id, c.firstName, c.lastName, c.email, c.phone, c.companyId, c.lifecycleStage, c.ownerId,
                source(c), List.copyOf(c.tags), c.externalId, c.properties, c.version, c.createdAt, c.updatedAt, c.archivedAt,
                c.lastInteractionAt, c.lastInboundAt);
    }

    static ContactInput.Source source(Contact c) {
        if (c.utmSource == null && c.utmMedium == null && c.utmCampaign == null) {
            return null;
        }
        return new ContactInput.Source(c.utmSource, c.utmMedium, c.utmCampaign);
    }
}
