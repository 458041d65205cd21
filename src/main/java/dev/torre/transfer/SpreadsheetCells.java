package dev.torre.transfer;

/**
 * CSV cells that a spreadsheet cannot run. A value written by anyone — a sign-up form, a shop's order, a portal user —
 * that starts like a formula ({@code =HYPERLINK(…)}, {@code +cmd|…}, {@code @SUM(…)}) would be evaluated by the
 * spreadsheet a marketer opens an export in; such a cell is written with a leading apostrophe, which spreadsheets read
 * as "text follows". Numbers and phone numbers that merely start with a sign stay as they are. Imports remove that one
 * apostrophe again, so an export imported back is unchanged; a value that itself starts with apostrophes before a
 * formula character gets one more on the way out, so the round trip is exact for it too.
 */
final class SpreadsheetCells {

    private static final char QUOTE = '\'';

    private SpreadsheetCells() {
    }

    /** The cell as written to an export. */
    static String neutralise(String value) {
        return looksLikeFormula(value) ? QUOTE + value : value;
    }

    /** The cell as an import reads it: one leading apostrophe removed before what would have looked like a formula. */
    static String restore(String value) {
        return value.length() > 1 && value.charAt(0) == QUOTE && looksLikeFormula(value.substring(1)) ? value.substring(1) : value;
    }

    /** Starts, after any apostrophes, with a character a spreadsheet reads as the start of a formula, and is not a number. */
    private static boolean looksLikeFormula(String value) {
        int start = 0;
        while (start < value.length() && value.charAt(start) == QUOTE) {
            start++;
        }
        if (start == value.length()) {
            return false;
        }
        char first = value.charAt(start);
        return switch (first) {
            case '=', '@', '\t', '\r' -> true;
            case '+', '-' -> !numeric(value, start + 1);
            default -> false;
        };
    }

    /** Digits with the separators of numbers and phone numbers only (no letters, operators of functions or pipes). */
    private static boolean numeric(String value, int from) {
        boolean digit = false;
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (" .,()-/".indexOf(c) < 0) {
                return false;
            }
        }
        return digit;
    }
}
