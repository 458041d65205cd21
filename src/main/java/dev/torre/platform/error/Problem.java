package dev.torre.platform.error;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem document, as every Torre error is answered over REST. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors,
        @Schema(description = "For a create refused as a likely duplicate: the stored records it looks like") List<DuplicateMatch> duplicates) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(TorreException e, String instance) {
        ErrorCode code = e.code();
        return new Problem(code.type(), code.title(), code.status(), e.getMessage(), instance, e.errors(),
                e instanceof DuplicateFound found ? found.matches() : List.of());
    }
}
