package dev.torre.platform.query;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Turns free search text into a {@code to_tsquery} argument that prefix-matches every word. */
public final class TextQuery {

    public static final int MAX_LENGTH = 200;
    public static final int MAX_TERMS = 10;
    public static final int MAX_TERM_LENGTH = 64;

    private static final String PARAM = "q";

    private TextQuery() {
    }

    /**
     * E.g. {@code José  García-López} becomes {@code 'josé':* & 'garcía':* & 'lópez':*}. Accents are kept; the
     * database's text search configuration removes them on both sides.
     */
    /**
     * Text that looks like a phone number ("612 345 678", "+34 612-345"): its digits are one
     * term, since the search document holds a phone as digits without separators.
     */
    private static final java.util.regex.Pattern PHONE_LIKE = java.util.regex.Pattern.compile("[+(]?[0-9][0-9 ().-]{3,}[0-9)]");

    public static String toTsQuery(String q) {
        if (q != null && q.length() > MAX_LENGTH) {
            throw QueryErrors.error(PARAM, QueryErrors.TOO_COMPLEX, "The search text is " + q.length()
                    + " characters long; the limit is " + MAX_LENGTH);
        }
        List<String> terms = PHONE_LIKE.matcher(q == null ? "" : q).matches() ? List.of(q.replaceAll("[^0-9]", ""))
                : terms(q == null ? "" : q);
        if (terms.isEmpty()) {
            throw QueryErrors.error(PARAM, QueryErrors.INVALID_VALUE,
                    "The search text must contain at least one letter or digit");
        }
        if (terms.size() > MAX_TERMS) {
            throw QueryErrors.error(PARAM, QueryErrors.TOO_COMPLEX, "The search text has " + terms.size()
                    + " words; the limit is " + MAX_TERMS);
        }
        List<String> quoted = new ArrayList<>();
        for (String term : terms) {
            if (term.codePointCount(0, term.length()) > MAX_TERM_LENGTH) {
                throw QueryErrors.error(PARAM, QueryErrors.INVALID_VALUE, "The search word '"
                        + QueryErrors.quote(term) + "' is longer than " + MAX_TERM_LENGTH + " characters");
            }
            // Terms hold only letters, digits and combining marks, never a quote or backslash, so quoting is safe.
            quoted.add("'" + term + "':*");
        }
        return String.join(" & ", quoted);
    }

    /** Distinct lower-case words in order of first appearance. */
    private static List<String> terms(String q) {
        // NFC first, so that an accent typed as a separate combining character stays inside its word.
        String text = Normalizer.normalize(q, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        Set<String> terms = new LinkedHashSet<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (isWordChar(cp)) {
                word.appendCodePoint(cp);
            } else if (!word.isEmpty()) {
                terms.add(word.toString());
                word.setLength(0);
            }
        }
        if (!word.isEmpty()) {
            terms.add(word.toString());
        }
        return List.copyOf(terms);
    }

    /**
     * Letters and digits, plus combining marks inside a word: scripts such as Devanagari write vowels as marks,
     * and splitting there would cut words apart.
     */
    private static boolean isWordChar(int cp) {
        if (Character.isLetterOrDigit(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }
}
