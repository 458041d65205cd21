package dev.torre.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Quiet hours in the contact's (for now the tenant's default) time zone: a message inside them waits until they end. */
class QuietHoursTest {

    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    private static final LocalTime NINE_PM = LocalTime.of(21, 0);
    private static final LocalTime EIGHT_AM = LocalTime.of(8, 0);

    private static Optional<Instant> until(String now) {
        return Messages.quietUntil(Instant.parse(now), NINE_PM, EIGHT_AM, MADRID);
    }

    @Test
    void lateEveningWaitsUntilEightNextMorningLocalTime() {
        // 22:30 in Madrid (UTC+1 in winter) is 21:30 UTC; quiet until 08:00 Madrid = 07:00 UTC next day
        assertEquals(Optional.of(Instant.parse("2030-01-16T07:00:00Z")), until("2030-01-15T21:30:00Z"));
    }

    @Test
    void earlyMorningWaitsUntilEightTheSameDay() {
        assertEquals(Optional.of(Instant.parse("2030-01-16T07:00:00Z")), until("2030-01-16T05:00:00Z"));
    }

    @Test
    void daytimeIsNotQuietAndTheEdgesBelongToTheDay() {
        assertEquals(Optional.empty(), until("2030-01-16T12:00:00Z"));
        assertEquals(Optional.empty(), until("2030-01-16T07:00:00Z"), "08:00 sharp is no longer quiet");
        assertEquals(Optional.of(Instant.parse("2030-01-17T07:00:00Z")), until("2030-01-16T20:00:00Z"), "21:00 sharp is quiet");
    }

    @Test
    void summerTimeIsHonoured() {
        // Madrid is UTC+2 in July: 23:00 local = 21:00 UTC, quiet until 08:00 local = 06:00 UTC
        assertEquals(Optional.of(Instant.parse("2030-07-16T06:00:00Z")), until("2030-07-15T21:00:00Z"));
    }

    @Test
    void equalStartAndEndMeanNoQuietHours() {
        assertEquals(Optional.empty(), Messages.quietUntil(Instant.parse("2030-01-15T23:00:00Z"), NINE_PM, NINE_PM, MADRID));
    }
}
