package dev.torre.consent;

import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One decision to record in the ledger. Terms are checked against the consent vocabulary by the service. */
@Schema(name = "ConsentInput", description = "A consent decision of a contact")
public record ConsentInput(
        @NotNull @Schema(examples = "marketing", enumeration = { "marketing", "analytics", "profiling", "third_party_sharing", "service_notifications" }) String purpose,
        @NotNull @Schema(examples = "email", enumeration = { "email", "sms", "whatsapp", "phone", "push", "postal", "all" }) String channel,
        @NotNull @Schema(examples = "granted", enumeration = { "granted", "denied", "withdrawn" }) String status,
        @NotNull @Schema(examples = "consent", enumeration = { "consent", "contract", "legal_obligation", "legitimate_interest", "vital_interest", "public_task" }) String lawfulBasis,
        @NotNull @Schema(examples = "web_form", enumeration = { "web_form", "portal", "import", "agent", "api" }) String source,
        @Valid Proof proof,
        @Schema(description = "When the contact decided; defaults to now; may not lie in the future") Instant occurredAt,
        @Schema(description = "When a grant stops holding; after occurredAt") Instant expiresAt) {

    /** What shows the decision was made: where, how, and the exact wording (or its version id) agreed to. */
    @Schema(name = "ConsentProof")
    @org.eclipse.microprofile.graphql.Type("ConsentProof")
    @org.eclipse.microprofile.graphql.Input("ConsentProofInput")
    public record Proof(
            @Size(max = 45) @Schema(examples = "203.0.113.7") String ip,
            @Size(max = 1000) String userAgent,
            @Size(max = 2000) @Schema(examples = "https://acme.es/newsletter") String formUrl,
            @Size(max = 10000) String wording,
            @Size(max = 200) @Schema(examples = "newsletter-2024-05") String wordingVersion) {
    }
}
