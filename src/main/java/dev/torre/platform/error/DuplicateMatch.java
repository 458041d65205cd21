package dev.torre.platform.error;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A stored record that a refused create looks like, and what they share. */
@Schema(name = "DuplicateMatch")
public record DuplicateMatch(UUID id,
        @Schema(description = "What matched: email (normalised address), phone (E.164), name (same person at the same company; for companies the same name), domain") List<String> signals) {
}
