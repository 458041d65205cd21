package dev.torre.platform.error;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;


/**
 * Turns the input failures raised by libraries (Bean Validation, Jackson) into Torre's
 * own error, in the caller's terms, once for every transport and for batch items.
 */
public final class Failures {

    private Failures() {
    }

    /** Torre's error for a failure, or null when it is not an input failure (a bug or an outage). */
    public static TorreException known(Throwable e) {
        return switch (e) {
            case TorreException torre -> torre;
            case ConstraintViolationException violations -> of(violations);
            case InvalidJsonException json -> of(json.json());
            case JsonProcessingException json -> of(json);
            default -> database(e);
        };
    }

    /**
     * Whether a failure comes from the database being out of reach: it cannot be connected to, is shutting down or
     * starting up, has no room for another connection, or the pool gave up waiting for one. Background work meeting
     * this waits for the database rather than reporting a bug (platform.persistence.WorkerTicks).
     */
    public static boolean unreachable(Throwable e) {
        for (Throwable c : causes(e)) {
            if (c instanceof java.sql.SQLException sql
                    && (sql.getSQLState() != null ? unreachable(sql.getSQLState()) : fromPool(sql))) {
                return true;
            }
        }
        return false;
    }

    /** Connection exceptions; insufficient resources; admin shutdown, crash shutdown, cannot connect now. */
    private static boolean unreachable(String state) {
        return state.startsWith("08") || state.startsWith("53") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03");
    }

    /** A database failure anywhere in the causes that is the database's answer, not a bug: what the caller may do. */
    private static TorreException database(Throwable e) {
        for (Throwable c : causes(e)) {
            if (c instanceof java.sql.SQLException sql) {
                TorreException known = sql.getSQLState() != null ? database(sql.getSQLState()) : fromPool(sql) ? unavailable() : null;
                if (known != null) {
                    return known;
                }
            }
        }
        return null;
    }

    /**
     * A failure and everything behind it: its causes, and the exceptions suppressed along the way — where the
     * transaction manager puts the database's answer when a commit fails (a RollbackException whose suppressed
     * XAException holds the SQLException). Bounded, so a cyclic chain cannot loop.
     */
    public static List<Throwable> causes(Throwable e) {
        List<Throwable> all = new ArrayList<>();
        java.util.ArrayDeque<Throwable> pending = new java.util.ArrayDeque<>();
        pending.add(e);
        while (!pending.isEmpty() && all.size() < 64) {
            Throwable t = pending.poll();
            if (t == null || all.stream().anyMatch(seen -> seen == t)) {
                continue;
            }
            all.add(t);
            if (t.getCause() != null) {
                pending.add(t.getCause());
            }
            pending.addAll(List.of(t.getSuppressed()));
        }
        return all;
    }

    /**
     * Raised by the connection pool itself: Agroal gives its acquisition timeouts ("Acquisition timeout while waiting
     * for new connection", "Sorry, acquisition timeout!") and its closing-down refusals no SQLState.
     */
    private static boolean fromPool(java.sql.SQLException e) {
        StackTraceElement[] trace = e.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith("io.agroal.");
    }

    /** PostgreSQL cannot be reached, is shutting down or has no room for another connection. */
    private static TorreException unavailable() {
        return new TorreException(ErrorCode.UNAVAILABLE, "The service cannot reach its database right now; retry in a"
                + " moment. A write cut off this way may or may not have been saved: retry it with the same Idempotency-Key",
                List.of(), Map.of("Retry-After", "5"));
    }

    private static TorreException database(String state) {
        if (unreachable(state)) {
            return unavailable();
        }
        return switch (state) {
            // the database chose this transaction to roll back so that a concurrent one could finish
            case "40P01", "40001" -> new TorreException(ErrorCode.UNAVAILABLE, "The write met a concurrent write to the same"
                    + " records and was rolled back; nothing was written. Send it again", List.of(), Map.of("Retry-After", "1"));
            // statement_timeout (torre.db.statement-timeout) cancelled it; the transaction rolled back
            case "57014" -> new TorreException(ErrorCode.QUERY_TIMEOUT, "The request ran longer than this server allows a"
                    + " statement to run and was cancelled; nothing was changed. Retry later; a filter with leading-wildcard"
                    + " co or ew comparisons, consent conditions or many or-terms is the usual cause, so narrow it if it"
                    + " keeps happening", List.of(), Map.of("Retry-After", "5"));
            default -> null;
        };
    }

    public static TorreException of(ConstraintViolationException e) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(new FieldError(fieldOf(violation.getPropertyPath()), codeOf(violation), violation.getMessage()));
        }
        errors.sort((a, b) -> a.field().compareTo(b.field()));
        String detail = errors.stream().map(FieldError::field).distinct().collect(Collectors.joining(", ", "Invalid value for: ", ""));
        return new TorreException(ErrorCode.VALIDATION, detail, errors);
    }

    public static TorreException of(JsonProcessingException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof TorreException refused) {
                return refused; // the reading itself was refused (a body stopped at the cap in the middle of a value)
            }
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            String field = pathOf(unknown);
            return TorreException.invalidField(ErrorCode.VALIDATION, field, "unknown_field", "Unknown field '" + field + "'");
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty() && !(e instanceof JsonParseException)) {
            String field = pathOf(mapping);
            Throwable cause = mapping.getCause();
            String message = cause instanceof IllegalArgumentException ? cause.getMessage() : "has the wrong type or format";
            return TorreException.invalidField(ErrorCode.VALIDATION, field, "invalid_type", "'" + field + "' " + message);
        }
        long line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
        long column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
        String where = line < 0 ? "" : " at line " + line + ", column " + column;
        return new TorreException(ErrorCode.MALFORMED_REQUEST, "The request body is not valid JSON" + where);
    }

    /** The dotted path of an input field, without the method and parameter names of method validation. */
    static String fieldOf(Path path) {
        List<String> names = new ArrayList<>();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER) {
                continue;
            }
            String name = node.getName();
            if (node.getIndex() != null && !names.isEmpty()) {
                names.set(names.size() - 1, names.get(names.size() - 1) + "[" + node.getIndex() + "]");
            }
            if (name != null && !name.startsWith("<")) {
                names.add(name);
            }
        }
        return names.isEmpty() ? "body" : String.join(".", names);
    }

    private static String codeOf(ConstraintViolation<?> violation) {
        String annotation = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        return switch (annotation) {
            case "NotNull", "NotBlank", "NotEmpty" -> "required";
            case "Size", "Max", "Min", "DecimalMax", "DecimalMin" -> "out_of_range";
            case "Email" -> "invalid_email";
            default -> "invalid";
        };
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }
}
