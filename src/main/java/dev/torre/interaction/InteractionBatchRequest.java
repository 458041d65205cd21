package dev.torre.interaction;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/** What a channel connector sends: up to 1000 interactions, each checked on its own. */
public record InteractionBatchRequest(
        @Schema(description = "Create a contact for an inbound interaction from an unknown e-mail address or phone number; default false") Boolean createUnknownContacts,
        @NotNull @Size(min = 1, max = 1000) @Schema(description = "1 to 1000 interactions (InteractionInput)") List<JsonNode> items) {
}
