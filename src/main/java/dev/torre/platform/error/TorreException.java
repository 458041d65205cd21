package dev.torre.platform.error;

import java.util.List;
import java.util.Map;

/** The one exception Torre's code throws on purpose; transports translate its code. */
public class TorreException extends RuntimeException {

    private final ErrorCode code;
    private final List<FieldError> errors;
    private final Map<String, String> headers;

    public TorreException(ErrorCode code, String detail) {
        this(code, detail, List.of());
    }

    public TorreException(ErrorCode code, String detail, List<FieldError> errors) {
        this(code, detail, errors, Map.of());
    }

    /** With response headers that tell the caller what to do next, such as Retry-After. */
    public TorreException(ErrorCode code, String detail, List<FieldError> errors, Map<String, String> headers) {
        super(detail, null, false, false);
        this.code = code;
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    public Map<String, String> headers() {
        return headers;
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
