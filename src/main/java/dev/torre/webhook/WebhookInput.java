package dev.torre.webhook;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The writable fields of a webhook subscription. */
@Schema(name = "WebhookInput", description = "The writable fields of a webhook subscription")
public record WebhookInput(
        @NotBlank @Size(max = 2000) @Schema(description = "https URL of the receiver", examples = "https://partner.example/hooks/torre") String url,
        @NotEmpty @Size(max = 50) @Schema(description = "Event types, exact or entity.* wildcards", examples = "[\"contact.*\", \"deal.won\"]") List<@NotBlank String> eventTypes,
        @Size(max = 50) @Schema(description = "Deliver an update only when one of these fields changed") List<@NotBlank String> fields,
        @Size(max = 4000) @Schema(description = "List filter (SCIM) on the record the event is about", examples = "lifecycleStage eq \"customer\"") String filter,
        @Size(max = 500) String description,
        @Schema(description = "Defaults to true") Boolean enabled) {
}
