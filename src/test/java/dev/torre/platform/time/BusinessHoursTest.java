package dev.torre.platform.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Working-time arithmetic: weekends, split days, holidays, time zones and daylight-saving changes. */
class BusinessHoursTest {

    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

    /** Monday to Friday 09:00-14:00 and 15:00-18:00 (8 h a day), Madrid time. */
    private static BusinessHours office(LocalDate... holidays) {
        Map<DayOfWeek, List<BusinessHours.Window>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            week.put(day, List.of(new BusinessHours.Window(9 * 60, 14 * 60), new BusinessHours.Window(15 * 60, 18 * 60)));
        }
        return BusinessHours.of(MADRID, week, Set.of(holidays));
    }

    private static Instant madrid(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(MADRID).toInstant();
    }

    @Test
    void addsWithinOneWindow() {
        assertEquals(madrid("2026-03-02T11:00"), office().plus(madrid("2026-03-02T10:00"), Duration.ofHours(1)));
    }

    @Test
    void skipsTheLunchBreak() {
        assertEquals(madrid("2026-03-02T15:30"), office().plus(madrid("2026-03-02T13:00"), Duration.ofMinutes(90)));
    }

    @Test
    void startsAtOpeningWhenStartedBeforeIt() {
        assertEquals(madrid("2026-03-02T09:30"), office().plus(madrid("2026-03-02T06:00"), Duration.ofMinutes(30)));
    }

    @Test
    void carriesOverTheWeekend() {
        // Friday 17:00 + 2 h = Monday 10:00
        assertEquals(madrid("2026-03-09T10:00"), office().plus(madrid("2026-03-06T17:00"), Duration.ofHours(2)));
        // Saturday counts nothing: Saturday noon + 1 h = Monday 10:00
        assertEquals(madrid("2026-03-09T10:00"), office().plus(madrid("2026-03-07T12:00"), Duration.ofHours(1)));
    }

    @Test
    void skipsHolidays() {
        // Thursday 2026-03-19 is a holiday: Wednesday 17:00 + 2 h = Friday 10:00
        assertEquals(madrid("2026-03-20T10:00"),
                office(LocalDate.parse("2026-03-19")).plus(madrid("2026-03-18T17:00"), Duration.ofHours(2)));
    }

    @Test
    void keepsLocalHoursAcrossTheSpringDstChange() {
        // Madrid moves from UTC+1 to UTC+2 on Sunday 2026-03-29. Friday 17:00 (16:00Z) + 2 h = Monday 10:00 local = 08:00Z.
        Instant due = office().plus(madrid("2026-03-27T17:00"), Duration.ofHours(2));
        assertEquals(Instant.parse("2026-03-30T08:00:00Z"), due);
        assertEquals(Duration.ofHours(2), office().between(madrid("2026-03-27T17:00"), due));
    }

    @Test
    void keepsLocalHoursAcrossTheAutumnDstChange() {
        // Back to UTC+1 on Sunday 2026-10-25: Friday 17:00 (15:00Z) + 2 h = Monday 10:00 local = 09:00Z.
        assertEquals(Instant.parse("2026-10-26T09:00:00Z"), office().plus(madrid("2026-10-23T17:00"), Duration.ofHours(2)));
    }

    @Test
    void aNightWindowOverTheDstChangeIsAsLongAsTheWallClockSays() {
        BusinessHours sundays = BusinessHours.of(MADRID, Map.of(DayOfWeek.SUNDAY, List.of(new BusinessHours.Window(0, 24 * 60))), Set.of());
        assertEquals(Duration.ofHours(23), sundays.between(madrid("2026-03-29T00:00"), madrid("2026-03-30T00:00")));
        assertEquals(Duration.ofHours(25), sundays.between(madrid("2026-10-25T00:00"), madrid("2026-10-26T00:00")));
    }

    @Test
    void theSameScheduleInAnotherZoneFallsOnOtherInstants() {
        Map<DayOfWeek, List<BusinessHours.Window>> monday = Map.of(DayOfWeek.MONDAY, List.of(new BusinessHours.Window(9 * 60, 17 * 60)));
        BusinessHours mexico = BusinessHours.of(ZoneId.of("America/Mexico_City"), monday, Set.of());
        // Monday 2026-03-02 09:00 in Mexico City (UTC-6) is 15:00Z
        assertEquals(Instant.parse("2026-03-02T16:00:00Z"), mexico.plus(Instant.parse("2026-03-02T12:00:00Z"), Duration.ofHours(1)));
    }

    @Test
    void measuresWorkingTimeBetweenInstants() {
        BusinessHours office = office(LocalDate.parse("2026-03-19"));
        assertEquals(Duration.ofHours(8), office.between(madrid("2026-03-02T00:00"), madrid("2026-03-03T00:00")));
        assertEquals(Duration.ofHours(40), office.between(madrid("2026-03-02T00:00"), madrid("2026-03-09T00:00")));
        assertEquals(Duration.ofHours(32), office.between(madrid("2026-03-16T00:00"), madrid("2026-03-23T00:00")));
        assertEquals(Duration.ofMinutes(90), office.between(madrid("2026-03-02T13:00"), madrid("2026-03-02T15:30")));
        assertEquals(Duration.ZERO, office.between(madrid("2026-03-07T08:00"), madrid("2026-03-08T20:00")));
        assertEquals(Duration.ZERO, office.between(madrid("2026-03-03T00:00"), madrid("2026-03-02T00:00")));
    }

    @Test
    void plusAndBetweenAgree() {
        BusinessHours office = office(LocalDate.parse("2026-03-19"));
        Instant start = madrid("2026-03-13T16:45");
        for (int minutes = 0; minutes < 60 * 24 * 3; minutes += 37) {
            Instant end = office.plus(start, Duration.ofMinutes(minutes));
            assertEquals(Duration.ofMinutes(minutes), office.between(start, end), "after " + minutes + " minutes");
        }
    }

    @Test
    void calendarHoursCountEveryHour() {
        Instant start = Instant.parse("2026-03-07T23:00:00Z");
        assertEquals(Instant.parse("2026-03-08T03:00:00Z"), BusinessHours.always().plus(start, Duration.ofHours(4)));
        assertEquals(Duration.ofHours(4), BusinessHours.always().between(start, Instant.parse("2026-03-08T03:00:00Z")));
    }

    @Test
    void refusesSchedulesThatCannotWork() {
        assertThrows(IllegalArgumentException.class, () -> new BusinessHours.Window(600, 540));
        assertThrows(IllegalArgumentException.class, () -> BusinessHours.of(MADRID, Map.of(), Set.of()));
        assertThrows(IllegalArgumentException.class, () -> BusinessHours.of(MADRID,
                Map.of(DayOfWeek.MONDAY, List.of(new BusinessHours.Window(540, 720), new BusinessHours.Window(700, 800))), Set.of()));
    }
}
