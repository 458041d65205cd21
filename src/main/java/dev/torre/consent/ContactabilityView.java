package dev.torre.consent;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Type;

/**
 * Whether a contact may be reached for a purpose on a channel, and why.
 *
 * @param reason  granted, denied, withdrawn, expired, no_decision or unknown_contact
 * @param basis   the lawful basis the answer rests on, when allowed
 * @param since   when the deciding entry was made (null when the tenant policy decided)
 * @param decidedOn the channel of the deciding entry (the asked channel or all)
 */
@Type("Contactability")
public record ContactabilityView(@Id UUID contactId, String purpose, String channel, boolean allowed, String reason,
        String basis, Instant since, String decidedOn) {
}
