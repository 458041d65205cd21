package dev.torre.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.torre.platform.time.BusinessHours;
import dev.torre.sla.SlaPolicyService;

/** An SLA clock's pauses, warnings and due times, in business hours and in calendar hours. */
class SlaClockTest {

    /** Monday to Friday 09:00-17:00 UTC. */
    private static final BusinessHours WEEKDAYS = BusinessHours.of(ZoneId.of("UTC"), Map.of(
            DayOfWeek.MONDAY, List.of(new BusinessHours.Window(540, 1020)),
            DayOfWeek.TUESDAY, List.of(new BusinessHours.Window(540, 1020)),
            DayOfWeek.WEDNESDAY, List.of(new BusinessHours.Window(540, 1020)),
            DayOfWeek.THURSDAY, List.of(new BusinessHours.Window(540, 1020)),
            DayOfWeek.FRIDAY, List.of(new BusinessHours.Window(540, 1020))), Set.of());

    private static Instant at(String text) {
        return Instant.parse(text);
    }

    @Test
    void warnsAtEightyPercentAndIsDueAtTheTarget() {
        SlaClock clock = SlaClock.startedAt(Duration.ofHours(10), at("2026-03-02T09:00:00Z"));
        // 8 of 10 working hours have passed when Monday closes (the same working moment as Tuesday's opening)
        assertEquals(at("2026-03-02T17:00:00Z"), clock.warnAt(WEEKDAYS));
        assertEquals(at("2026-03-03T11:00:00Z"), clock.dueAt(WEEKDAYS));
        assertEquals(Duration.ofHours(2), clock.remaining(at("2026-03-03T09:00:00Z"), WEEKDAYS));
        assertEquals(Duration.ofHours(-1), clock.remaining(at("2026-03-03T12:00:00Z"), WEEKDAYS));
    }

    @Test
    void aPauseBanksTheTimeSpentAndMovesTheDueTime() {
        SlaClock clock = SlaClock.startedAt(Duration.ofHours(4), at("2026-03-02T09:00:00Z"));
        SlaClock paused = clock.pausedAt(at("2026-03-02T10:00:00Z"), WEEKDAYS);
        assertFalse(paused.running());
        assertNull(paused.dueAt(WEEKDAYS));
        assertEquals(Duration.ofHours(3), paused.remaining(at("2026-03-05T10:00:00Z"), WEEKDAYS), "a paused clock does not move");
        // resumed on Friday at 15:00: 3 h left = 2 h on Friday, 1 h on Monday
        SlaClock resumed = paused.resumedAt(at("2026-03-06T15:00:00Z"));
        assertEquals(at("2026-03-09T10:00:00Z"), resumed.dueAt(WEEKDAYS));
        assertEquals(Duration.ofHours(1), resumed.elapsed(at("2026-03-06T15:00:00Z"), WEEKDAYS));
    }

    @Test
    void pausingTwiceOrResumingARunningClockChangesNothing() {
        SlaClock clock = SlaClock.startedAt(Duration.ofHours(4), at("2026-03-02T09:00:00Z"));
        assertEquals(clock, clock.resumedAt(at("2026-03-02T12:00:00Z")));
        SlaClock paused = clock.pausedAt(at("2026-03-02T10:00:00Z"), WEEKDAYS);
        assertEquals(paused, paused.pausedAt(at("2026-03-02T16:00:00Z"), WEEKDAYS));
    }

    @Test
    void aWarningAlreadyPassedWhenResumedFallsAtTheResumption() {
        SlaClock paused = SlaClock.startedAt(Duration.ofHours(1), at("2026-03-02T09:00:00Z")).pausedAt(at("2026-03-02T09:55:00Z"), WEEKDAYS);
        SlaClock resumed = paused.resumedAt(at("2026-03-02T14:00:00Z"));
        assertEquals(at("2026-03-02T14:00:00Z"), resumed.warnAt(WEEKDAYS));
        assertEquals(at("2026-03-02T14:05:00Z"), resumed.dueAt(WEEKDAYS));
    }

    @Test
    void inCalendarHoursNightsAndWeekendsCount() {
        SlaClock clock = SlaClock.startedAt(Duration.ofHours(24), at("2026-03-06T18:00:00Z"));
        assertEquals(at("2026-03-07T18:00:00Z"), clock.dueAt(BusinessHours.always()));
        assertEquals(at("2026-03-07T13:12:00Z"), clock.warnAt(BusinessHours.always()));
    }

    @Test
    void theSlaPoliciesSpellPrioritiesAndChannelsAsTicketsDo() {
        assertEquals(List.of(dev.torre.platform.persistence.WireEnum.wireValues(TicketPriority.class)), SlaPolicyService.PRIORITIES);
        assertEquals(List.of(dev.torre.platform.persistence.WireEnum.wireValues(TicketChannel.class)), SlaPolicyService.CHANNELS);
    }
}
