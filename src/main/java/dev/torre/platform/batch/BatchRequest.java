package dev.torre.platform.batch;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/** The body of {@code POST /v1/<collection>/batch/upsert}. */
public record BatchRequest(
        @NotNull @Schema(description = "The key that finds an existing record: externalId, id, or a unique field such as email") String matchOn,
        @NotNull @Size(min = 1, max = 1000) @Schema(description = "1 to 1000 records; each is checked on its own") List<JsonNode> items) {
}
