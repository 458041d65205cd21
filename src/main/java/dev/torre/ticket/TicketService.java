package dev.torre.ticket;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import dev.torre.company.CompanyService;
import dev.torre.contact.ContactLookupService;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.link.Links;
import dev.torre.platform.persistence.CustomProperties;
import dev.torre.platform.persistence.RecordService;
import dev.torre.platform.persistence.Records;
import dev.torre.platform.query.ListRequest;
import dev.torre.platform.query.Page;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.security.RequiresScope;
import dev.torre.platform.time.BusinessHours;
import dev.torre.platform.time.CallerTime;
import dev.torre.sla.BusinessCalendarService;
import dev.torre.sla.SlaTermsChangedView;
import dev.torre.sla.SlaTermsView;

/** The only place that writes tickets: status rules, priority rules, SLA terms and clocks, satisfaction. */
@ApplicationScoped
public class TicketService extends RecordService<Ticket, TicketInput, TicketView> {

    private static final List<Key<Ticket, TicketInput>> KEYS = List.of(
            new Key<>("externalId", "external_id", false, false, t -> t.externalId, TicketInput::externalId));
    private static final Map<String, String> UNIQUE_INDEXES = Map.of("ticket_external_id_uq", "externalId");

    static final Kind<Ticket, TicketInput> KIND = new Kind<>(
            "ticket", Ticket.class, Ticket::new, TicketInput.class,
            "ticket", "tickets", "/v1/tickets", TicketFields.REGISTRY, KEYS, UNIQUE_INDEXES);

    @Inject
    dev.torre.platform.properties.PropertyDefinitions definitions;

    @Inject
    ContactLookupService contacts;

    @Inject
    CompanyService companies;

    @Inject
    TicketDefaults defaults;

    @Inject
    BusinessCalendarService calendars;

    /** The contact's tickets that are not resolved or closed, oldest first (at most {@code limit}). */
    @RequiresScope("tickets:read")
    public List<TicketView> openOfContact(UUID contactId, int limit) {
        return page(ListRequest.of(null, null, "openedAt", limit, null),
                SqlFragment.of("c.contact_id = ? and c.status not in ('resolved', 'closed')", contactId)).data();
    }

    /** How many of the contact's tickets are not resolved or closed. */
    @RequiresScope("tickets:read")
    public long openCountOfContact(UUID contactId) {
        return em.createQuery("select count(t) from Ticket t where t.contactId = :c and t.archivedAt is null"
                + " and t.status not in (dev.torre.ticket.TicketStatus.RESOLVED, dev.torre.ticket.TicketStatus.CLOSED)", Long.class)
                .setParameter("c", contactId).getSingleResult();
    }

    @RequiresScope("tickets:read")
    public Map<UUID, TicketView> byIds(Collection<UUID> ids) {
        Map<UUID, TicketView> found = new LinkedHashMap<>();
        List<Ticket> tickets = findByKey("id", List.copyOf(ids));
        Map<UUID, BusinessHours> hours = hoursOf(tickets);
        tickets.forEach(t -> found.put(t.id, view(t, hours.get(t.slaCalendarId), clock.now())));
        return found;
    }

    /** An interaction was recorded on the ticket: activity, and the first outbound one answers the customer. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordInteraction(UUID ticketId, Instant occurredAt, boolean outbound) {
        Ticket t = find(ticketId);
        if (t.recordInteraction(occurredAt, outbound, clock.now())) {
            events.append("ticket", t.id, "first_responded", Map.of("firstRespondedAt", t.firstRespondedAt.toString()));
        }
    }

    /**
     * A calendar's hours or a policy's targets changed: the open tickets that count by it get
     * their due and warning times again (time already spent stays spent), and each whose times
     * moved says so in a {@code ticket.sla_retargeted} event, so the SLA job, the KPIs and the
     * API read the same times.
     */
    void retarget(@Observes SlaTermsChangedView change) {
        String by = change.policy() != null ? "t.slaPolicyId" : "t.slaCalendarId";
        UUID id = change.policy() != null ? change.policy().id() : change.calendarId();
        List<Ticket> open = em.createQuery("from Ticket t where " + by + " = :id and t.archivedAt is null"
                + " and t.status not in (dev.torre.ticket.TicketStatus.RESOLVED, dev.torre.ticket.TicketStatus.CLOSED)"
                + " order by t.id", Ticket.class).setParameter("id", id).getResultList();
        Instant now = clock.now();
        Map<UUID, BusinessHours> hours = new java.util.HashMap<>();
        for (Ticket t : open) {
            SlaTermsView terms = change.policy() != null ? change.policy().termsFor(t.priority.wire())
                    : new SlaTermsView(t.slaPolicyId, t.slaCalendarId, t.firstResponseMinutes, t.resolutionMinutes);
            Map<String, Object> before = dueTimes(t);
            t.retargetSla(terms, terms == null ? null : hours.computeIfAbsent(terms.calendarId(), calendars::hours), now);
            Map<String, Object> after = dueTimes(t);
            if (!before.equals(after)) {
                events.append("ticket", t.id, "sla_retargeted", Map.of("before", before, "after", after));
            }
        }
        flush();
    }

    private static Map<String, Object> dueTimes(Ticket t) {
        Map<String, Object> times = new LinkedHashMap<>();
        times.put("slaPolicyId", t.slaPolicyId == null ? "" : t.slaPolicyId.toString());
        times.put("firstResponseDueAt", t.firstResponseDueAt == null ? "" : t.firstResponseDueAt.toString());
        times.put("resolutionDueAt", t.resolutionDueAt == null ? "" : t.resolutionDueAt.toString());
        return times;
    }

    /** Records the customer's satisfaction (1..5); a later answer replaces an earlier one. */
    @Transactional
    @RequiresScope("tickets:write")
    public TicketView rate(UUID id, @NotNull @Valid CsatInput csat) {
        Ticket t = find(id);
        Records.checkWritable(t, null, label());
        t.csatScore = csat.score().shortValue();
        t.csatComment = blankToNull(csat.comment());
        t.csatAt = clock.now();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("score", csat.score());
        payload.put("comment", t.csatComment == null ? "" : t.csatComment);
        events.append("ticket", t.id, "csat_received", payload);
        flush();
        return view(t);
    }

    // --- views with their SLA state ---

    @Override
    protected TicketView view(Ticket t) {
        return view(t, calendars.hours(t.slaCalendarId), clock.now());
    }

    /** Reads the business hours of the page's calendars once, not per ticket. */
    @Override
    protected Page<TicketView> page(ListRequest request, SqlFragment scope) {
        Page<Ticket> page = lists.page(Ticket.class, "ticket", TicketFields.REGISTRY, request, scope);
        Map<UUID, BusinessHours> hours = hoursOf(page.data());
        Instant now = clock.now();
        return page.map(t -> view(t, hours.get(t.slaCalendarId), now));
    }

    private Map<UUID, BusinessHours> hoursOf(List<Ticket> tickets) {
        Set<UUID> ids = new LinkedHashSet<>();
        tickets.forEach(t -> ids.add(t.slaCalendarId));
        return calendars.hours(ids);
    }

    static TicketView view(Ticket t, BusinessHours hours, Instant now) {
        BusinessHours h = hours == null ? BusinessHours.always() : hours;
        return new TicketView(t.id, t.subject, t.description, t.status, t.priority, t.channel, t.contactId, t.companyId, t.assigneeId,
                List.copyOf(t.tags), t.externalId, t.properties, t.openedAt, t.firstRespondedAt, t.resolvedAt, t.closedAt, t.reopenCount,
                t.slaPolicyId, firstResponseStatus(t, h, now), resolutionStatus(t, h, now),
                t.csatScore == null ? null : t.csatScore.intValue(), t.csatComment, t.version, t.createdAt, t.updatedAt, t.archivedAt);
    }

    static SlaStatusView firstResponseStatus(Ticket t, BusinessHours h, Instant now) {
        SlaClock clock = t.firstResponseClock();
        if (clock == null) {
            return null;
        }
        if (t.firstRespondedAt != null) {
            return finished(t.firstResponseMinutes, clock.remaining(t.firstRespondedAt, h));
        }
        return live(t.firstResponseMinutes, clock, h, now);
    }

    static SlaStatusView resolutionStatus(Ticket t, BusinessHours h, Instant now) {
        SlaClock clock = t.resolutionClock();
        if (clock == null) {
            return null;
        }
        if (t.status.done()) {
            return finished(t.resolutionMinutes, clock.remaining(now, h));
        }
        return live(t.resolutionMinutes, clock, h, now);
    }

    private static SlaStatusView finished(int minutes, Duration remaining) {
        boolean breached = remaining.isNegative();
        return new SlaStatusView(minutes, null, remaining.toSeconds(), breached, breached ? "breached" : "met");
    }

    private static SlaStatusView live(int minutes, SlaClock clock, BusinessHours h, Instant now) {
        Duration remaining = clock.remaining(now, h);
        boolean breached = !remaining.isPositive();
        String state = breached ? "breached" : clock.running() ? "running" : "paused";
        return new SlaStatusView(minutes, clock.dueAt(h), remaining.toSeconds(), breached, state);
    }

    // --- the ticket's own rules ---

    /** A new ticket: company from its contact, priority from the rules, then the SLA policy that matches. */
    @Override
    public Ticket insert(TicketInput in) {
        UUID companyId = defaults.companyOf(in);
        String tier = defaults.tierOf(companyId);
        TicketPriority priority = in.priority() != null ? in.priority() : defaults.priority(tier, in.channel());
        Ticket t = super.insert(new TicketInput(in.subject(), in.description(), in.status(), priority, in.channel(), in.contactId(),
                companyId, in.assigneeId(), in.tags(), in.externalId(), in.properties(), in.openedAt(), in.resolvedAt()));
        SlaTermsView terms = defaults.terms(priority, tier, in.channel());
        if (terms != null) {
            BusinessHours hours = defaults.hours(terms.calendarId());
            t.startSla(terms, hours);
            if (!t.status.clockRuns()) {
                t.moveResolutionClock(t.status.done() ? t.resolvedAt : t.openedAt, hours);
            }
        }
        return t;
    }

    @Override
    public boolean change(Ticket t, TicketInput in) {
        TicketStatus before = t.status;
        TicketPriority priorityBefore = t.priority;
        if (!super.change(t, in)) {
            return false;
        }
        if (priorityBefore != t.priority) {
            // the SLA follows the priority: the policy that matches now sets the targets
            SlaTermsView terms = defaults.terms(t.priority, defaults.tierOf(t.companyId), t.channel);
            t.retargetSla(terms, terms == null ? null : defaults.hours(terms.calendarId()), clock.now());
        }
        if (before != t.status) {
            Instant at = t.status.done() ? t.resolvedAt : clock.now();
            t.moveResolutionClock(at, calendars.hours(t.slaCalendarId));
            if (t.status.done() && !before.done()) {
                events.append("ticket", t.id, "resolved", Map.of("resolvedAt", t.resolvedAt.toString()));
            } else if (before.done() && !t.status.done()) {
                events.append("ticket", t.id, "reopened", Map.of("reopenCount", t.reopenCount));
            }
        }
        return true;
    }

    /**
     * A resolution time given with a change may be backdated, but not before the ticket's last status
     * change, nor — once a resolution breach has been announced — before the time that breach fell due:
     * what the SLA job already told the world stays true.
     */
    @Override
    public TicketInput normaliseChange(Ticket stored, TicketInput next) {
        TicketInput normalised = normalise(next);
        CallerTime.notBefore("resolvedAt", normalised.resolvedAt(), stored.statusChangedAt, "the ticket's last status change");
        if (stored.resolutionBreached && !stored.status.done()) {
            CallerTime.notBefore("resolvedAt", normalised.resolvedAt(), stored.resolutionDueAt,
                    "the resolution breach already announced");
        }
        return normalised;
    }

    /** Status moves that make no sense are refused: nothing goes back to new, and closed is final. */
    @Override
    public void checkChange(Ticket stored, TicketInput next) {
        if (stored.status == TicketStatus.CLOSED && next.status() != TicketStatus.CLOSED) {
            throw transition("A closed ticket is final; open a new ticket instead");
        }
        if (next.status() == TicketStatus.NEW && stored.status != TicketStatus.NEW) {
            throw transition("A ticket cannot go back to new once it has moved on");
        }
        if (!stored.openedAt.equals(next.openedAt())) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, "openedAt", "immutable", "openedAt is fixed when the ticket is created");
        }
    }

    private static TorreException transition(String message) {
        return new TorreException(ErrorCode.CONFLICT, message, List.of(new FieldError("status", "invalid_transition", message)));
    }

    /** The stored resolvedAt is left out: a patch that reopens must not carry it along (apply keeps it while resolved). */
    @Override
    protected Kind<Ticket, TicketInput> kind() {
        return KIND;
    }

    @Override
    public TicketInput inputOf(Ticket t) {
        return new TicketInput(t.subject, t.description, t.status, t.priority, t.channel, t.contactId, t.companyId, t.assigneeId,
                List.copyOf(t.tags), t.externalId, t.properties, t.openedAt, null);
    }


    /** Sensitive properties are sealed here, bound to this ticket and property. */
    @Override
    protected TicketInput stored(Ticket record, TicketInput in) {
        return in.withProperties(definitions.store("ticket", record.id, record.properties, in.properties()));
    }

    @Override
    public TicketInput normalise(TicketInput in) {
        TicketStatus status = in.status() == null ? TicketStatus.NEW : in.status();
        Instant now = clock.now();
        Instant openedAt = in.openedAt() == null ? now : CallerTime.past("openedAt", in.openedAt(), now);
        Instant resolvedAt = CallerTime.past("resolvedAt", in.resolvedAt(), now);
        if (resolvedAt != null && !status.done()) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, "resolvedAt", "invalid_value",
                    "resolvedAt goes with status resolved or closed");
        }
        if (resolvedAt != null && resolvedAt.isBefore(openedAt)) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, "resolvedAt", "out_of_range",
                    "A ticket cannot be resolved before it was opened (" + openedAt + ")");
        }
        Set<String> tags = new LinkedHashSet<>();
        if (in.tags() != null) {
            in.tags().forEach(tag -> tags.add(tag.trim()));
        }
        return new TicketInput(in.subject().trim(), in.description(), status, in.priority(), in.channel(), in.contactId(),
                in.companyId(), blankToNull(in.assigneeId()), List.copyOf(tags), blankToNull(in.externalId()),
                definitions.apply("ticket", CustomProperties.check(in.properties())), openedAt, resolvedAt);
    }

    @Override
    protected boolean referencesChanged(Ticket t, TicketInput next) {
        return !Objects.equals(t.contactId, next.contactId()) || !Objects.equals(t.companyId, next.companyId());
    }

    @Override
    public Map<Integer, TorreException> checkReferences(Map<Integer, TicketInput> inputs) {
        defaults.prefetch(inputs.values());
        Map<Integer, TorreException> failures = new LinkedHashMap<>();
        Links.check(inputs, failures, "contactId", "contact", TicketInput::contactId, contacts::existing);
        Links.check(inputs, failures, "companyId", "company", TicketInput::companyId, companies::existing);
        return failures;
    }

    @Override
    protected void apply(Ticket t, TicketInput in) {
        TicketStatus previous = t.status;
        Instant now = clock.now();
        t.subject = in.subject();
        t.description = in.description();
        // a priority cleared by a patch stays what it was: rules only speak at creation
        t.priority = in.priority() != null ? in.priority() : Objects.requireNonNullElse(t.priority, TicketPriority.NORMAL);
        t.channel = in.channel();
        t.contactId = in.contactId();
        t.companyId = in.companyId();
        t.assigneeId = in.assigneeId();
        t.tags = new ArrayList<>(in.tags());
        t.externalId = in.externalId();
        t.properties = in.properties();
        t.status = in.status();
        if (previous == null) {
            t.openedAt = in.openedAt();
            t.lastActivityAt = in.openedAt();
        } else {
            t.lastActivityAt = now.isAfter(t.lastActivityAt) ? now : t.lastActivityAt;
            t.staleNotifiedAt = null;
        }
        boolean wasDone = previous != null && previous.done();
        if (!t.status.done()) {
            t.resolvedAt = null;
        } else if (in.resolvedAt() != null) {
            t.resolvedAt = in.resolvedAt();
        } else if (!wasDone || t.resolvedAt == null) {
            t.resolvedAt = now;
        }
        t.closedAt = t.status != TicketStatus.CLOSED ? null : t.closedAt != null ? t.closedAt : now;
        if (wasDone && !t.status.done()) {
            t.reopenCount++;
        }
        if (previous == null) {
            t.statusChangedAt = t.status.done() ? t.resolvedAt : t.openedAt;
        } else if (previous != t.status) {
            t.statusChangedAt = now;
        }
    }
}
