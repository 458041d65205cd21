package dev.torre.privacy;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A data subject's request: a copy of their data (access) or its removal (erasure). */
@Schema(name = "PrivacyRequestInput")
public record PrivacyRequestInput(@NotNull @Schema(enumeration = { "access", "erasure" }) String type, @NotNull UUID contactId) {
}
