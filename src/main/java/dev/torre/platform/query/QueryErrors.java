package dev.torre.platform.query;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;

import java.math.BigDecimal;
import java.util.List;

/** Builds the INVALID_QUERY errors of the query layer and holds the checks shared by its parsers. */
final class QueryErrors {

    static final String SYNTAX = "syntax";
    static final String UNKNOWN_FIELD = "unknown_field";
    static final String INVALID_OPERATOR = "invalid_operator";
    static final String INVALID_VALUE = "invalid_value";
    static final String TOO_COMPLEX = "too_complex";
    static final String INVALID_CURSOR = "invalid_cursor";

    private QueryErrors() {
    }

    static TorreException error(String param, String code, String message) {
        return new TorreException(ErrorCode.INVALID_QUERY, message,
                List.of(new FieldError(param, code, message)));
    }

    /**
     * Why a string cannot be sent to PostgreSQL, or null if it can: text columns reject NUL, and an unpaired
     * surrogate would be silently replaced while encoding, comparing against a value nobody wrote.
     */
    static String unstorableText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\0') {
                return "the NUL character (\\u0000) is not allowed";
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "it contains an unpaired UTF-16 surrogate";
            }
        }
        return null;
    }

    /**
     * Whether a number is small enough to handle: an exponent like 1e999999999 is legal JSON, but printing or
     * binding it would allocate a billion digits.
     */
    static boolean reasonableNumber(BigDecimal n) {
        return Math.abs((long) n.scale()) <= 1000 && n.precision() <= 1000;
    }

    /** Shortens caller input quoted back in a message. */
    static String quote(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
