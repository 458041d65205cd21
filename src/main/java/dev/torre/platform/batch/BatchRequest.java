package dev.torre.platform.batch;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/** The body of {@code POST /v1/<collection>/batch/upsert}. */
public record BatchRequest(
        @NotNull @Schema(description = "The key that finds an existing record: externalId, id, or a unique field such as email") String matchOn,
        @NotNull @Size(min = 1, max = 1000) @Schema(description = "1 to 1000 records; each is checked on its own") List<JsonNode> items,
        @Pattern(regexp = "reject|create", message = "must be reject or create")
        @Schema(description = "reject (the default): a new item that looks like a stored record (same normalised e-mail or phone, same person at the same company; for companies the same name or domain) fails alone with 409 naming it; create: create it anyway") String onDuplicate) {

    public BatchRequest(String matchOn, List<JsonNode> items) {
        this(matchOn, items, null);
    }
}
