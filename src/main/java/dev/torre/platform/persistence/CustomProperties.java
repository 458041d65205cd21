package dev.torre.platform.persistence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;

/**
 * Limits on the free-form {@code properties} object: names usable in filters
 * ({@code properties.<name>}), at most 100 of them, and a bounded size.
 */
public final class CustomProperties {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final int MAX_KEYS = 100;
    private static final int MAX_STRING = 2000;

    private CustomProperties() {
    }

    public static Map<String, Object> check(Map<String, Object> properties) {
        if (properties == null) {
            return new LinkedHashMap<>();
        }
        List<FieldError> errors = new ArrayList<>();
        if (properties.size() > MAX_KEYS) {
            errors.add(new FieldError("properties", "out_of_range", "At most " + MAX_KEYS + " properties"));
        }
        properties.forEach((name, value) -> {
            if (!NAME.matcher(name).matches()) {
                errors.add(new FieldError("properties." + name, "invalid_name",
                        "Property names are letters, digits and _ (not first), up to 64 characters"));
            } else if (value instanceof String s && s.indexOf('\u0000') >= 0) {
                errors.add(new FieldError("properties." + name, "invalid_value", "Must not contain the NUL character"));
            } else if (value instanceof String s && s.length() > MAX_STRING) {
                errors.add(new FieldError("properties." + name, "out_of_range", "At most " + MAX_STRING + " characters"));
            } else if (value instanceof Map<?, ?> || value instanceof List<?> list
                    && (list.size() > 100 || list.stream().anyMatch(v -> v instanceof Map<?, ?> || v instanceof List<?>))) {
                errors.add(new FieldError("properties." + name, "invalid_type",
                        "Property values are strings, numbers, booleans or short lists of them"));
            }
        });
        if (!errors.isEmpty()) {
            throw new TorreException(ErrorCode.VALIDATION, "Invalid custom properties", errors);
        }
        return new LinkedHashMap<>(properties);
    }
}
