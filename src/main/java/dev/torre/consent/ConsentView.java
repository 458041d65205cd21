package dev.torre.consent;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Type;

/** A ledger entry as the API shows it; {@code effectiveStatus} reads {@code expired} once a grant has run out. */
@Type("Consent")
public record ConsentView(
        @Id UUID id,
        @Id UUID contactId,
        String purpose,
        String channel,
        String status,
        String effectiveStatus,
        boolean expired,
        String lawfulBasis,
        String source,
        ConsentInput.Proof proof,
        Instant occurredAt,
        Instant expiresAt,
        String recordedBy,
        Instant recordedAt,
        @Description("Set on an entry copied to this contact by a merge: the merged contact it was first recorded for") UUID mergedFrom) {

    static ConsentView of(Consent c, Instant now) {
        boolean expired = "granted".equals(c.status) && c.expiresAt != null && !c.expiresAt.isAfter(now);
        ConsentInput.Proof proof = new ConsentInput.Proof(c.proofIp, c.proofUserAgent, c.proofFormUrl, c.proofWording,
                c.proofWordingVersion);
        return new ConsentView(c.id, c.contactId, c.purpose, c.channel, c.status, expired ? "expired" : c.status, expired,
                c.lawfulBasis, c.source, proof, c.occurredAt, c.expiresAt, c.recordedBy, c.createdAt,
                c.mergedFrom);
    }
}
