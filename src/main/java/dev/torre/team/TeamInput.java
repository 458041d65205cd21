package dev.torre.team;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The writable fields of a team. */
@Schema(name = "TeamInput", description = "The writable fields of a team")
public record TeamInput(
        @NotBlank @Size(max = 200) @Schema(examples = "Customer service") String name,
        @NotNull @Size(min = 1, max = 200, message = "between 1 and 200 members")
        @Schema(description = "User ids (token subjects), in the order round-robin assignment takes them; duplicates are dropped",
                examples = "[\"svc-1\", \"svc-2\"]") List<@NotBlank @Size(max = 200) String> members,
        @Size(max = 200) @Schema(description = "The caller's own key, unique per tenant") String externalId) {
}
