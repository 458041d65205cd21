package dev.torre.ticket;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.torre.platform.persistence.TenantEntity;
import dev.torre.platform.time.BusinessHours;
import dev.torre.sla.SlaTermsView;

/** A customer's request for help, with its SLA clocks. Written only by {@link TicketService}. */
@Entity
@Table(name = "ticket")
public class Ticket extends TenantEntity {

    @Column(nullable = false)
    public String subject;

    public String description;

    @Column(nullable = false)
    public TicketStatus status;

    @Column(nullable = false)
    public TicketPriority priority;

    public TicketChannel channel;

    @Column(name = "contact_id")
    public UUID contactId;

    @Column(name = "company_id")
    public UUID companyId;

    @Column(name = "assignee_id")
    public String assigneeId;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]", nullable = false)
    public List<String> tags = new ArrayList<>();

    @Column(name = "external_id")
    public String externalId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> properties = new LinkedHashMap<>();

    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;

    @Column(name = "first_responded_at")
    public Instant firstRespondedAt;

    @Column(name = "outbound_count", nullable = false)
    public int outboundCount;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    /** When the status last changed (the opening time until it first does): how far back caller times may reach. */
    @Column(name = "status_changed_at", nullable = false)
    public Instant statusChangedAt;

    @Column(name = "reopen_count", nullable = false)
    public int reopenCount;

    @Column(name = "last_activity_at", nullable = false)
    public Instant lastActivityAt;

    @Column(name = "sla_policy_id")
    public UUID slaPolicyId;

    @Column(name = "sla_calendar_id")
    public UUID slaCalendarId;

    @Column(name = "first_response_minutes")
    public Integer firstResponseMinutes;

    @Column(name = "resolution_minutes")
    public Integer resolutionMinutes;

    @Column(name = "first_response_due_at")
    public Instant firstResponseDueAt;

    @Column(name = "first_response_warn_at")
    public Instant firstResponseWarnAt;

    @Column(name = "resolution_spent_seconds", nullable = false)
    public long resolutionSpentSeconds;

    @Column(name = "resolution_running_since")
    public Instant resolutionRunningSince;

    @Column(name = "resolution_due_at")
    public Instant resolutionDueAt;

    @Column(name = "resolution_warn_at")
    public Instant resolutionWarnAt;

    @Column(name = "first_response_warned", nullable = false)
    public boolean firstResponseWarned;

    @Column(name = "first_response_breached", nullable = false)
    public boolean firstResponseBreached;

    @Column(name = "resolution_warned", nullable = false)
    public boolean resolutionWarned;

    @Column(name = "resolution_breached", nullable = false)
    public boolean resolutionBreached;

    @Column(name = "stale_notified_at")
    public Instant staleNotifiedAt;

    @Column(name = "csat_score")
    public Short csatScore;

    @Column(name = "csat_comment")
    public String csatComment;

    @Column(name = "csat_at")
    public Instant csatAt;

    /** Takes the terms of the matching SLA policy and starts both clocks at the opening time. */
    void startSla(SlaTermsView terms, BusinessHours hours) {
        slaPolicyId = terms.policyId();
        slaCalendarId = terms.calendarId();
        firstResponseMinutes = terms.firstResponseMinutes();
        resolutionMinutes = terms.resolutionMinutes();
        if (firstResponseMinutes != null) {
            SlaClock clock = SlaClock.startedAt(Duration.ofMinutes(firstResponseMinutes), openedAt);
            firstResponseDueAt = clock.dueAt(hours);
            firstResponseWarnAt = clock.warnAt(hours);
        }
        setResolutionClock(SlaClock.startedAt(Duration.ZERO, openedAt), hours);
    }

    /**
     * Takes the terms that match the ticket after a priority change (null: no policy matches any more). The time
     * already spent on the resolution clock is kept and the due and warning times move with the new targets; a
     * warning or breach already announced is forgotten when it no longer holds at {@code now}, so the SLA job
     * announces the new one when it comes.
     */
    void retargetSla(SlaTermsView terms, BusinessHours hours, Instant now) {
        SlaClock resolution = resolutionClock();
        boolean hadTerms = slaPolicyId != null;
        slaPolicyId = terms == null ? null : terms.policyId();
        slaCalendarId = terms == null ? null : terms.calendarId();
        firstResponseMinutes = terms == null ? null : terms.firstResponseMinutes();
        resolutionMinutes = terms == null ? null : terms.resolutionMinutes();
        firstResponseDueAt = null;
        firstResponseWarnAt = null;
        resolutionDueAt = null;
        resolutionWarnAt = null;
        if (terms != null) {
            if (!hadTerms || resolution == null) {
                startSla(terms, hours);
                if (!status.clockRuns()) {
                    moveResolutionClock(now, hours);
                }
            } else {
                if (firstResponseMinutes != null) {
                    SlaClock clock = SlaClock.startedAt(Duration.ofMinutes(firstResponseMinutes), openedAt);
                    firstResponseDueAt = clock.dueAt(hours);
                    firstResponseWarnAt = clock.warnAt(hours);
                }
                setResolutionClock(resolution, hours);
            }
        }
        firstResponseWarned &= reached(firstResponseWarnAt, now);
        firstResponseBreached &= reached(firstResponseDueAt, now);
        resolutionWarned &= reached(resolutionWarnAt, now);
        resolutionBreached &= reached(resolutionDueAt, now);
    }

    private static boolean reached(Instant at, Instant now) {
        return at != null && !at.isAfter(now);
    }

    /** The resolution clock, or null when the ticket has no resolution target. */
    SlaClock resolutionClock() {
        return resolutionMinutes == null ? null
                : new SlaClock(Duration.ofMinutes(resolutionMinutes), Duration.ofSeconds(resolutionSpentSeconds), resolutionRunningSince);
    }

    SlaClock firstResponseClock() {
        return firstResponseMinutes == null ? null : SlaClock.startedAt(Duration.ofMinutes(firstResponseMinutes), openedAt);
    }

    /** Pauses or resumes the resolution clock as the status says, at {@code at}. */
    void moveResolutionClock(Instant at, BusinessHours hours) {
        SlaClock clock = resolutionClock();
        if (clock != null) {
            setResolutionClock(status.clockRuns() ? clock.resumedAt(at) : clock.pausedAt(at, hours), hours);
        }
    }

    private void setResolutionClock(SlaClock clock, BusinessHours hours) {
        if (resolutionMinutes == null) {
            return;
        }
        SlaClock withTarget = new SlaClock(Duration.ofMinutes(resolutionMinutes), clock.spent(), clock.runningSince());
        resolutionSpentSeconds = withTarget.spent().toSeconds();
        resolutionRunningSince = withTarget.runningSince();
        resolutionDueAt = withTarget.dueAt(hours);
        resolutionWarnAt = withTarget.warnAt(hours);
    }

    /**
     * An interaction on the ticket, recorded at {@code now}: activity, and the first outbound one
     * is the first response. An interaction dated before the ticket's last status change counts as
     * a response only from that change on, and one recorded after a first-response breach was
     * announced counts when it was recorded: a late entry with an early date cannot turn a
     * breach into a met target.
     */
    boolean recordInteraction(Instant at, boolean outbound, Instant now) {
        if (lastActivityAt == null || at.isAfter(lastActivityAt)) {
            lastActivityAt = at;
        }
        staleNotifiedAt = null;
        if (!outbound) {
            return false;
        }
        outboundCount++;
        if (firstRespondedAt == null && !at.isBefore(openedAt)) {
            Instant counted = at.isBefore(statusChangedAt) ? statusChangedAt : at;
            if (firstResponseBreached && firstResponseDueAt != null && counted.isBefore(firstResponseDueAt)) {
                counted = now;
            }
            firstRespondedAt = counted;
            return true;
        }
        return false;
    }
}
