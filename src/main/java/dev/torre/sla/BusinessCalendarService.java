package dev.torre.sla;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.persistence.RecordService;
import dev.torre.platform.query.FieldRegistry;
import dev.torre.platform.query.FieldType;
import dev.torre.platform.time.BusinessHours;

/** The only place that writes business calendars, and the one that turns them into {@link BusinessHours}. */
@ApplicationScoped
public class BusinessCalendarService extends RecordService<BusinessCalendar, BusinessCalendarInput, BusinessCalendarView> {

    private static final Pattern WINDOW = Pattern.compile("([01]\\d|2[0-3]):([0-5]\\d)-([01]\\d|2[0-3]|24):([0-5]\\d)");
    private static final Map<String, DayOfWeek> DAYS = Map.of("mon", DayOfWeek.MONDAY, "tue", DayOfWeek.TUESDAY,
            "wed", DayOfWeek.WEDNESDAY, "thu", DayOfWeek.THURSDAY, "fri", DayOfWeek.FRIDAY, "sat", DayOfWeek.SATURDAY,
            "sun", DayOfWeek.SUNDAY);
    static final FieldRegistry<BusinessCalendar> REGISTRY = FieldRegistry
            .<BusinessCalendar>builder("businessCalendar", "c.id", BusinessCalendar::id)
            .field("name", "c.name", FieldType.STRING, c -> c.name).sortable()
            .build();

    private static final Kind<BusinessCalendar, BusinessCalendarInput> KIND = new Kind<>(
            "business_calendar", BusinessCalendar.class, BusinessCalendar::new, BusinessCalendarInput.class,
            "business_calendar", "tickets", "/v1/business-calendars", REGISTRY, List.of(), Map.of());

    @Inject
    Event<SlaTermsChangedView> termsChanged;

    /** The working hours of each calendar; a null id stands for calendar hours (every hour counts). */
    public Map<UUID, BusinessHours> hours(Collection<UUID> ids) {
        Map<UUID, BusinessHours> result = new HashMap<>();
        Set<Object> wanted = new LinkedHashSet<>();
        ids.forEach(id -> {
            if (id == null) {
                result.put(null, BusinessHours.always());
            } else {
                wanted.add(id);
            }
        });
        findByKey("id", wanted).forEach(c -> result.put(c.id, hoursOf(c.timeZone, c.weeklyHours, c.holidays)));
        return result;
    }

    public BusinessHours hours(UUID id) {
        Map<UUID, BusinessHours> one = hours(java.util.Collections.singleton(id));
        return one.getOrDefault(id, BusinessHours.always());
    }

    /** Reads and checks a calendar; bad time zones, days, windows or an empty week are 400s naming the field. */
    static BusinessHours hoursOf(String timeZone, Map<String, List<String>> weekly, Collection<LocalDate> holidays) {
        ZoneId zone;
        try {
            if (!ZoneId.getAvailableZoneIds().contains(timeZone)) {
                throw new DateTimeException(timeZone);
            }
            zone = ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, "timeZone", "invalid_value",
                    "'" + timeZone + "' is not an IANA time zone such as Europe/Madrid");
        }
        Map<DayOfWeek, List<BusinessHours.Window>> days = new EnumMap<>(DayOfWeek.class);
        for (Map.Entry<String, List<String>> day : weekly.entrySet()) {
            DayOfWeek dow = DAYS.get(day.getKey());
            String field = "weeklyHours." + day.getKey();
            if (dow == null) {
                throw TorreException.invalidField(ErrorCode.VALIDATION, field, "invalid_value",
                        "Days are written mon, tue, wed, thu, fri, sat, sun");
            }
            List<BusinessHours.Window> windows = new ArrayList<>();
            for (String text : day.getValue() == null ? List.<String>of() : day.getValue()) {
                Matcher m = text == null ? null : WINDOW.matcher(text.trim());
                int start = m != null && m.matches() ? Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2)) : -1;
                int end = start >= 0 ? Integer.parseInt(m.group(3)) * 60 + Integer.parseInt(m.group(4)) : -1;
                if (start < 0 || end > 24 * 60 || end <= start) {
                    throw TorreException.invalidField(ErrorCode.VALIDATION, field, "invalid_value",
                            "Windows are written HH:MM-HH:MM, opening before closing, e.g. 09:00-17:00");
                }
                windows.add(new BusinessHours.Window(start, end));
            }
            days.put(dow, windows);
        }
        try {
            return BusinessHours.of(zone, days, new LinkedHashSet<>(holidays));
        } catch (IllegalArgumentException e) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, "weeklyHours", "invalid_value",
                    "The weekly hours are not usable: " + e.getMessage());
        }
    }

    // --- the calendar's own rules ---

    @Override
    protected BusinessCalendarView view(BusinessCalendar record) {
        return BusinessCalendarView.of(record);
    }

    @Override
    protected Kind<BusinessCalendar, BusinessCalendarInput> kind() {
        return KIND;
    }

    @Override
    public BusinessCalendarInput inputOf(BusinessCalendar c) {
        return new BusinessCalendarInput(c.name, c.timeZone, c.weeklyHours, List.copyOf(c.holidays));
    }

    @Override
    public BusinessCalendarInput normalise(BusinessCalendarInput in) {
        List<LocalDate> holidays = in.holidays() == null ? List.of()
                : List.copyOf(new java.util.TreeSet<>(in.holidays().stream().filter(java.util.Objects::nonNull).toList()));
        Map<String, List<String>> weekly = new LinkedHashMap<>();
        in.weeklyHours().forEach((day, windows) -> weekly.put(day,
                windows == null ? List.of() : windows.stream().map(w -> w == null ? null : w.trim()).toList()));
        hoursOf(in.timeZone().trim(), weekly, holidays);
        return new BusinessCalendarInput(in.name().trim(), in.timeZone().trim(), weekly, holidays);
    }

    @Override
    public Map<Integer, TorreException> checkReferences(Map<Integer, BusinessCalendarInput> inputs) {
        return Map.of();
    }

    /** A change moves the due times of the open tickets that count by it, in the same transaction. */
    @Override
    public boolean change(BusinessCalendar entity, BusinessCalendarInput input) {
        boolean changed = super.change(entity, input);
        if (changed) {
            flush();
            termsChanged.fire(new SlaTermsChangedView(entity.id, null));
        }
        return changed;
    }

    @Override
    protected void apply(BusinessCalendar c, BusinessCalendarInput in) {
        c.name = in.name();
        c.timeZone = in.timeZone();
        c.weeklyHours = in.weeklyHours();
        c.holidays = new ArrayList<>(in.holidays());
    }
}
