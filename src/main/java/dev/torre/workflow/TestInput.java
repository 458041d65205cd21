package dev.torre.workflow;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The record a dry run tries the workflow on. */
@Schema(name = "WorkflowTestInput")
public record TestInput(@NotNull @Schema(description = "A record of the workflow's trigger type") UUID recordId) {
}
