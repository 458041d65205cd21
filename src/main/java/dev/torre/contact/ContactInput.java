package dev.torre.contact;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The writable fields of a contact: the body of a create, the shape a merge patch applies to. */
@Schema(name = "ContactInput", description = "The writable fields of a contact")
public record ContactInput(
        @Size(max = 100) @Schema(examples = "José") String firstName,
        @Size(max = 100) @Schema(examples = "García") String lastName,
        @Email @Size(max = 254) @Schema(description = "Stored lower-case; unique among the tenant's active contacts", examples = "jose@acme.es") String email,
        @Size(max = 40) @Schema(description = "Normalised to E.164 when it can be parsed", examples = "+34 612 345 678") String phone,
        UUID companyId,
        @Schema(description = "Defaults to lead") LifecycleStage lifecycleStage,
        @Size(max = 200) String ownerId,
        @Valid Source source,
        @Size(max = 50) List<@NotBlank @Size(max = 50) String> tags,
        @Size(max = 200) @Schema(description = "The caller's own key, unique per tenant") String externalId,
        @Schema(description = "Custom fields: a JSON object of up to 100 keys") Map<String, Object> properties,
        @Size(max = 64) @Schema(description = "IANA time zone (Europe/Madrid); workflow messages keep quiet hours in it (else the tenant's)",
                examples = "Europe/Madrid") String timeZone) {

    /** The same input with these custom properties (as they will be stored: sensitive ones sealed). */
    public ContactInput withProperties(Map<String, Object> properties) {
        return new ContactInput(firstName, lastName, email, phone, companyId, lifecycleStage, ownerId, source, tags, externalId, properties, timeZone);
    }

    public ContactInput {
        email = email == null ? null : email.trim();
    }

    /** Where the contact came from (UTM attribution). */
    public record Source(@Size(max = 200) String utmSource, @Size(max = 200) String utmMedium, @Size(max = 200) String utmCampaign) {
    }
}
