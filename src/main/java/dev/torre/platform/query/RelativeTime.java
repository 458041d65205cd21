package dev.torre.platform.query;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Relative times in filters: {@code "now"}, {@code "now-30d"}, {@code "now+12h"} stand for a moment measured from
 * the time the filter is evaluated, in seconds ({@code s}), minutes ({@code m}), hours ({@code h}), days
 * ({@code d}) or weeks ({@code w}); at most ten years either way. A filter that holds one answers differently as
 * time passes, so whoever keeps its results (segments) re-evaluates it on a schedule.
 */
public final class RelativeTime {

    /** Ten years, the furthest a relative time may reach. */
    static final Duration MAX_OFFSET = Duration.ofDays(3660);
    /** What a value must look like to be read as relative at all (the rest is checked by {@link #resolve}). */
    private static final Pattern SHAPE = Pattern.compile("(?is)now.*");
    private static final Pattern EXACT = Pattern.compile("now(?:([+-])(\\d{1,9})([smhdw]))?");

    private RelativeTime() {
    }

    /** Whether the text is meant as a relative time (starts with {@code now}), well-formed or not. */
    static boolean looksRelative(String text) {
        return SHAPE.matcher(text.strip()).matches();
    }

    /**
     * The moment the relative time names, measured from {@code now}; null when the text is malformed or reaches
     * further than {@link #MAX_OFFSET}.
     */
    static Instant resolve(String text, Instant now) {
        Matcher m = EXACT.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        if (m.group(1) == null) {
            return now;
        }
        long amount = Long.parseLong(m.group(2));
        Duration unit = switch (m.group(3)) {
            case "s" -> Duration.ofSeconds(1);
            case "m" -> Duration.ofMinutes(1);
            case "h" -> Duration.ofHours(1);
            case "d" -> Duration.ofDays(1);
            default -> Duration.ofDays(7);
        };
        if (amount > MAX_OFFSET.dividedBy(unit)) {
            return null;
        }
        Duration offset = unit.multipliedBy(amount);
        return "-".equals(m.group(1)) ? now.minus(offset) : now.plus(offset);
    }

    /** Whether any comparison in the filter names a relative time, so that its answer moves with the clock. */
    public static boolean mentionedIn(Filter root) {
        Deque<Filter> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            switch (todo.pop()) {
                case Filter.And a -> {
                    todo.push(a.left());
                    todo.push(a.right());
                }
                case Filter.Or o -> {
                    todo.push(o.left());
                    todo.push(o.right());
                }
                case Filter.Not n -> todo.push(n.inner());
                case Filter.Compare c -> {
                    if (c.value() instanceof Filter.StringLit s && looksRelative(s.value())) {
                        return true;
                    }
                }
                case Filter.Present p -> {
                    // presence does not depend on the time
                }
            }
        }
        return false;
    }

    /** Whether the filter text names a relative time; text that does not parse names none. */
    public static boolean mentionedIn(String filterText) {
        return filterText != null && mentionedIn(FilterParser.parse(filterText));
    }
}
