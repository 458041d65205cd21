package dev.torre.apiclient;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The writable fields of an API client. */
@Schema(name = "ApiClientInput", description = "The writable fields of an API client")
public record ApiClientInput(
        @NotBlank @Size(max = 200) String name,
        @NotEmpty @Size(max = 60) @Schema(description = "Scopes its tokens may carry", examples = "[\"contacts:read\", \"contacts:write\"]") List<@NotBlank String> scopes,
        @Size(max = 10) @Schema(description = "Roles its tokens carry (decide what records and fields it sees); default [\"admin\"], narrowed by the scopes") List<@NotBlank String> roles,
        @Min(1) @Max(100000) @Schema(description = "Requests per second across every instance; absent: only the tenant's rate") Integer rateLimit) {
}
