package dev.torre.sla;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.torre.platform.persistence.TenantEntity;

/** Working hours of a support team: weekly windows in a time zone, and holidays. Written only by {@link BusinessCalendarService}. */
@Entity
@Table(name = "business_calendar")
public class BusinessCalendar extends TenantEntity {

    @Column(nullable = false)
    public String name;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    /** Day (mon..sun) to windows written "09:00-17:00". */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "weekly_hours", nullable = false)
    public Map<String, List<String>> weeklyHours = new LinkedHashMap<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "date[]", nullable = false)
    public List<LocalDate> holidays = new ArrayList<>();
}
