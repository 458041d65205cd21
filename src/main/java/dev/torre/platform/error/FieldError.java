package dev.torre.platform.error;

/** One reason a field of the input was refused, in the caller's terms. */
public record FieldError(String field, String code, String message) {
}
