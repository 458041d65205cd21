package dev.torre.platform.time;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Time that counts only inside working hours: a weekly schedule of local opening windows
 * in one time zone, minus holidays. Pure arithmetic, no clock: it adds working time to an
 * instant and measures the working time between two instants. Windows are local wall-clock
 * times, so a window keeps its local hours across daylight-saving changes (an 09:00–17:00
 * day is 8 hours on either side of the change; a night window spanning the change is one
 * hour shorter or longer, as the wall clock says).
 */
public final class BusinessHours {

    /** A local opening window of a day, in minutes after midnight: start inclusive, end exclusive (1440 = midnight after). */
    public record Window(int startMinute, int endMinute) {
        public Window {
            if (startMinute < 0 || endMinute > 24 * 60 || startMinute >= endMinute) {
                throw new IllegalArgumentException("a window opens before it closes, within one day");
            }
        }
    }

    /** How far ahead to look for working time before deciding a schedule has none (ten years). */
    private static final int HORIZON_DAYS = 3660;

    private static final BusinessHours ALWAYS = new BusinessHours(ZoneId.of("UTC"), allDays(), Set.of(), true);

    private final ZoneId zone;
    private final Map<DayOfWeek, List<Window>> weekly;
    private final Set<LocalDate> holidays;
    private final boolean always;

    private BusinessHours(ZoneId zone, Map<DayOfWeek, List<Window>> weekly, Set<LocalDate> holidays, boolean always) {
        this.zone = zone;
        this.weekly = weekly;
        this.holidays = holidays;
        this.always = always;
    }

    /** Calendar hours: every hour counts. */
    public static BusinessHours always() {
        return ALWAYS;
    }

    /**
     * @param weekly   the windows of each weekday, sorted and not overlapping (days left out are closed)
     * @param holidays local dates on which nothing is open
     */
    public static BusinessHours of(ZoneId zone, Map<DayOfWeek, List<Window>> weekly, Set<LocalDate> holidays) {
        Map<DayOfWeek, List<Window>> days = new EnumMap<>(DayOfWeek.class);
        weekly.forEach((day, windows) -> {
            List<Window> sorted = new ArrayList<>(windows);
            sorted.sort((a, b) -> Integer.compare(a.startMinute(), b.startMinute()));
            for (int i = 1; i < sorted.size(); i++) {
                if (sorted.get(i).startMinute() < sorted.get(i - 1).endMinute()) {
                    throw new IllegalArgumentException("windows of " + day + " overlap");
                }
            }
            days.put(day, List.copyOf(sorted));
        });
        if (days.values().stream().allMatch(List::isEmpty)) {
            throw new IllegalArgumentException("a calendar needs at least one opening window");
        }
        return new BusinessHours(zone, days, Set.copyOf(holidays), false);
    }

    /** The instant at which {@code amount} of working time has passed since {@code start}. */
    public Instant plus(Instant start, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("negative working time");
        }
        if (always) {
            return start.plus(amount);
        }
        Duration left = amount;
        LocalDate day = start.atZone(zone).toLocalDate().minusDays(1); // a window of the day before may reach past midnight
        for (int i = 0; i < HORIZON_DAYS; i++, day = day.plusDays(1)) {
            for (Instant[] open : windowsOf(day)) {
                if (!open[1].isAfter(start)) {
                    continue;
                }
                Instant from = open[0].isAfter(start) ? open[0] : start;
                Duration available = Duration.between(from, open[1]);
                if (left.compareTo(available) <= 0) {
                    return from.plus(left);
                }
                left = left.minus(available);
            }
        }
        throw new IllegalStateException("no working time within ten years");
    }

    /** The working time between two instants (zero when {@code to} is not after {@code from}). */
    public Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        if (always) {
            return Duration.between(from, to);
        }
        Duration total = Duration.ZERO;
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate day = from.atZone(zone).toLocalDate().minusDays(1); !day.isAfter(last); day = day.plusDays(1)) {
            for (Instant[] open : windowsOf(day)) {
                Instant a = open[0].isAfter(from) ? open[0] : from;
                Instant b = open[1].isBefore(to) ? open[1] : to;
                if (b.isAfter(a)) {
                    total = total.plus(Duration.between(a, b));
                }
            }
        }
        return total;
    }

    /** The day's windows as instants, none on a holiday. */
    private List<Instant[]> windowsOf(LocalDate day) {
        if (holidays.contains(day)) {
            return List.of();
        }
        List<Instant[]> result = new ArrayList<>();
        for (Window w : weekly.getOrDefault(day.getDayOfWeek(), List.of())) {
            result.add(new Instant[] { at(day, w.startMinute()), at(day, w.endMinute()) });
        }
        return result;
    }

    /** A local wall-clock minute of a day as an instant; a minute skipped by a DST gap moves forward, as the clock does. */
    private Instant at(LocalDate day, int minute) {
        if (minute == 24 * 60) {
            return day.plusDays(1).atStartOfDay(zone).toInstant();
        }
        return ZonedDateTime.of(day, LocalTime.of(minute / 60, minute % 60), zone).toInstant();
    }

    private static Map<DayOfWeek, List<Window>> allDays() {
        Map<DayOfWeek, List<Window>> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            days.put(d, List.of(new Window(0, 24 * 60)));
        }
        return days;
    }
}
