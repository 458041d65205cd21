package dev.torre.merge;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Type;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A record that may be the same as another, how sure that is, and why. */
@Type("DuplicateCandidate")
@Schema(name = "DuplicateCandidate")
public record DuplicateView(
        UUID id,
        @Schema(description = "0 to 1: how likely the two are one") double score,
        @Schema(description = "What matched: email (normalised address), phone (E.164), name (accent- and case-insensitive similarity), company (same company) / domain") List<String> signals,
        @Schema(description = "The candidate's name (a company's name, a contact's first and last name)") String name,
        String email,
        String phone) {
}
