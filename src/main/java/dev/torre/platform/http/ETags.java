package dev.torre.platform.http;

import java.util.List;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;

/** Entity tags are the row's version in quotes: {@code "3"}. */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** Whether an If-None-Match header names this version (or is {@code *}). */
    public static boolean matches(String ifNoneMatch, long version) {
        if (ifNoneMatch == null) {
            return false;
        }
        String current = of(version);
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals("*") || t.equals(current)) {
                return true;
            }
        }
        return false;
    }

    /** The version an If-Match header expects, or null without one. */
    public static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String t = ifMatch.trim();
        if (t.startsWith("W/")) {
            t = t.substring(2);
        }
        try {
            if (t.length() < 3 || !t.startsWith("\"") || !t.endsWith("\"")) {
                throw new NumberFormatException();
            }
            return Long.parseLong(t.substring(1, t.length() - 1));
        } catch (NumberFormatException e) {
            throw new TorreException(ErrorCode.MALFORMED_REQUEST, "If-Match must be an ETag this API returned, such as \"3\"",
                    List.of(new FieldError("If-Match", "invalid_value", "Not an ETag of this API")));
        }
    }
}
