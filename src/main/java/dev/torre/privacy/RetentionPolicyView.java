package dev.torre.privacy;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One retention rule of a tenant.
 *
 * @param action          delete_interactions (of interactionType, or of every type) or anonymise_archived_contacts
 * @param olderThanDays   how old (interactions: since they occurred; contacts: since archived) before the rule applies
 */
@Schema(name = "RetentionPolicy")
public record RetentionPolicyView(UUID id,
        @Schema(enumeration = { "delete_interactions", "anonymise_archived_contacts" }) String action,
        @Schema(examples = "web_visit") String interactionType, @Schema(examples = "180") int olderThanDays) {
}
