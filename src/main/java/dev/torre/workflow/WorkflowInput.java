package dev.torre.workflow;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/** The writable fields of a workflow. */
@Schema(name = "WorkflowInput", description = "The writable fields of a workflow; see the README's Automation section for triggers and steps")
public record WorkflowInput(
        @NotBlank @Size(max = 200) @Schema(examples = "Welcome hot leads") String name,
        @Schema(description = "Defaults to true; a disabled workflow enrols nothing (running enrolments go on)") Boolean enabled,
        @NotNull @Schema(description = "What enrols a record: {\"type\": record_changed | event | segment_entered | segment_exited | schedule | date, ...}",
                examples = "{\"type\":\"record_changed\",\"objectType\":\"contact\",\"condition\":\"leadScore ge 60\"}") JsonNode trigger,
        @NotNull @Schema(type = SchemaType.ARRAY, description = "The steps each enrolment runs, in order: [{\"type\": create_task | update_record | move_deal_stage | add_to_segment"
                + " | remove_from_segment | send_message | webhook | wait | branch | exit, ...}]",
                examples = "[{\"type\":\"create_task\",\"title\":\"Call {{firstName}}\",\"due\":\"P1D\",\"assignTo\":\"owner\"}]") JsonNode steps,
        @Schema(description = "Whether a record may be enrolled again after an earlier enrolment; defaults to false") Boolean reenrollment) {
}
