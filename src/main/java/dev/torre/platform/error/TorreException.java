package dev.torre.platform.error;

import java.util.List;

/** The one exception Torre's code throws on purpose; transports translate its code. */
public class TorreException extends RuntimeException {

    private final ErrorCode code;
    private final List<FieldError> errors;

    public TorreException(ErrorCode code, String detail) {
        this(code, detail, List.of());
    }

    public TorreException(ErrorCode code, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    public ErrorCode code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public static TorreException notFound(String what) {
        return new TorreException(ErrorCode.NOT_FOUND, what + " not found");
    }

    public static TorreException invalidField(ErrorCode code, String field, String reason, String message) {
        return new TorreException(code, message, List.of(new FieldError(field, reason, message)));
    }
}
