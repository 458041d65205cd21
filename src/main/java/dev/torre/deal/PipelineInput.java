package dev.torre.deal;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new pipeline: its name and its stages in order. */
@Input("PipelineInput")
@Schema(name = "PipelineInput", description = "A new pipeline with its stages in order")
public record PipelineInput(
        @NotBlank @Size(max = 200) @Schema(examples = "Renewals") String name,
        @NotNull @Size(min = 1, max = 50) List<@Valid @NotNull StageInput> stages) {
}
