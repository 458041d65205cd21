package dev.torre.platform.persistence;

import java.util.List;
import java.util.Locale;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;

/**
 * What a create does when the new record looks like one the tenant already has (same normalised e-mail or phone,
 * same person at the same company, same company name or domain): refuse it with 409 naming the match (the default),
 * or create it anyway. Kinds without a likeliness rule only have their unique keys, whatever the choice.
 */
public enum OnDuplicate {
    REJECT, CREATE;

    /** The choice as a caller writes it ({@code reject} or {@code create}, any case); absent means reject. */
    public static OnDuplicate parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return REJECT;
        }
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "reject" -> REJECT;
            case "create" -> CREATE;
            default -> throw new TorreException(ErrorCode.VALIDATION, "onDuplicate must be reject or create",
                    List.of(new FieldError("onDuplicate", "invalid_value", "reject or create")));
        };
    }
}
