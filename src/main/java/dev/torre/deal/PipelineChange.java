package dev.torre.deal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a merge patch may change on a pipeline itself (its stages have their own endpoints). */
@Schema(name = "PipelineChange")
public record PipelineChange(@NotBlank @Size(max = 200) String name) {
}
