package dev.torre.platform.query;

import static dev.torre.platform.query.Fixtures.CONTACTS;
import static dev.torre.platform.query.Fixtures.queryError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Relative times ({@code "now-30d"}) in filters: resolved against the "now" the filter is compiled at. */
class RelativeTimeTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    private static Object bound(String filter) {
        SqlFragment sql = FilterCompiler.compile(filter, CONTACTS, NOW);
        assertEquals("c.updated_at < ?", sql.sql());
        return sql.params().getFirst();
    }

    @Test
    void relativeTimesResolveAgainstTheClock() {
        assertEquals(OffsetDateTime.parse("2026-02-08T12:00:00Z"), bound("updatedAt lt \"now-30d\""));
        assertEquals(OffsetDateTime.parse("2026-03-10T00:00:00Z"), bound("updatedAt lt \"now-12h\""));
        assertEquals(OffsetDateTime.parse("2026-03-17T12:00:00Z"), bound("updatedAt lt \"now+7d\""));
        assertEquals(OffsetDateTime.parse("2026-03-10T11:45:00Z"), bound("updatedAt lt \"now-15m\""));
        assertEquals(OffsetDateTime.parse("2026-03-10T11:59:30Z"), bound("updatedAt lt \"now-30s\""));
        assertEquals(OffsetDateTime.parse("2026-02-24T12:00:00Z"), bound("updatedAt lt \"now-2w\""));
        assertEquals(OffsetDateTime.parse("2026-03-10T12:00:00Z"), bound("updatedAt lt \"now\""));
        assertEquals(OffsetDateTime.parse("2026-03-10T12:00:00Z"), bound("updatedAt lt \"NOW\""));
    }

    @Test
    void theSameFilterMovesWithTime() {
        Object first = bound("updatedAt lt \"now-1d\"");
        Object later = FilterCompiler.compile("updatedAt lt \"now-1d\"", CONTACTS, NOW.plusSeconds(3600)).params().getFirst();
        assertEquals(((OffsetDateTime) first).plusHours(1), later);
    }

    @ParameterizedTest
    @ValueSource(strings = { "now-30x", "now-", "now - 30d", "now-30", "now-d", "now30d", "now-1.5d", "now-99999999999d",
            "now-3661d", "now-523w", "now+30d ago" })
    void malformedRelativeTimesAreRefusedNamingTheValue(String value) {
        String message = queryError("filter", "invalid_value",
                () -> FilterCompiler.compile("updatedAt gt \"" + value + "\"", CONTACTS, NOW));
        assertTrue(message.contains("Invalid value for 'updatedAt'"), message);
        assertTrue(message.contains("\"" + value + "\" is not a relative time"), message);
    }

    @Test
    void relativeTimesOnlyWhereTimestampsAre() {
        // a string field compares the text as it is
        assertEquals("now-30d", FilterCompiler.compile("lastName eq \"now-30d\"", CONTACTS, NOW).params().getFirst());
        // the furthest allowed
        FilterCompiler.compile("updatedAt gt \"now-3660d\"", CONTACTS, NOW);
        FilterCompiler.compile("updatedAt gt \"now+522w\"", CONTACTS, NOW);
    }

    @Test
    void filtersSayWhetherTheyNameARelativeTime() {
        assertTrue(RelativeTime.mentionedIn("lastName eq \"x\" or not (updatedAt lt \"now-30d\")"));
        assertTrue(RelativeTime.mentionedIn("updatedAt lt \"now\""));
        assertFalse(RelativeTime.mentionedIn("updatedAt lt \"2024-05-01T12:00:00Z\" and score pr"));
        assertFalse(RelativeTime.mentionedIn((String) null));
    }
}
