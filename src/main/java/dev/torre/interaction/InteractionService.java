package dev.torre.interaction;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import com.fasterxml.jackson.databind.JsonNode;

import dev.torre.company.CompanyService;
import dev.torre.contact.ContactActivityService;
import dev.torre.contact.ContactIntakeService;
import dev.torre.contact.ContactLookupService;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.Failures;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.Problem;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.link.Links;
import dev.torre.platform.outreach.ConsentTerms;
import dev.torre.platform.outreach.OutreachGuard;
import dev.torre.platform.persistence.CustomProperties;
import dev.torre.platform.persistence.DescribedStore;
import dev.torre.platform.query.ListRequest;
import dev.torre.platform.query.Lists;
import dev.torre.platform.query.Page;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.security.RequiresScope;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.time.CallerTime;
import dev.torre.ticket.TicketService;
import dev.torre.ticket.TicketView;

/**
 * The only place that writes interactions: deduplication by the channel's message id,
 * links checked within the tenant, consent asked before outbound messages, and the
 * contact's and ticket's clocks moved with every touchpoint.
 */
@ApplicationScoped
public class InteractionService extends DescribedStore<Interaction, InteractionInput> {

    private static final List<Key<Interaction, InteractionInput>> KEYS = List.of(
            new Key<>("externalMessageId", "external_message_id", false, false, i -> i.externalMessageId,
                    InteractionInput::externalMessageId));
    private static final Map<String, String> UNIQUE_INDEXES = Map.of("interaction_external_message_uq", "externalMessageId");
    static final Kind<Interaction, InteractionInput> KIND = new Kind<>("interaction", Interaction.class, Interaction::new,
            InteractionInput.class, "interaction", "interactions", "/v1/interactions", InteractionFields.REGISTRY, KEYS, UNIQUE_INDEXES);
    private static final String BATCH = "/v1/interactions/batch";

    @Inject
    dev.torre.platform.properties.PropertyDefinitions definitions;

    @Inject
    Lists lists;

    @Inject
    Links links;

    @Inject
    ContactLookupService contacts;

    @Inject
    ContactActivityService contactActivity;

    @Inject
    ContactIntakeService contactIntake;

    @Inject
    CompanyService companies;

    @Inject
    TicketService tickets;

    @Inject
    @Any
    Instance<OutreachGuard> guards;

    /** A recorded interaction, and whether this call stored it (false: the same message was already there). */
    public record Recorded(InteractionView view, boolean created) {
    }

    /** Records one interaction; the same message already stored is answered as it is, another one under its message id is a 409. */
    @Transactional
    @RequiresScope("interactions:write")
    public Recorded create(@Valid InteractionInput input, boolean createUnknownContact) {
        TorreException[] errors = new TorreException[1];
        InteractionBatchResult.Item item = record(new InteractionInput[] { input }, errors, createUnknownContact, "/v1/interactions")
                .getFirst();
        if (errors[0] != null) {
            throw errors[0];
        }
        return new Recorded(InteractionView.of(find(item.id())), item.status() == InteractionBatchResult.Status.created);
    }

    /**
     * Records an outbound message that Torre has asked a delivery partner to send, with status {@code queued}; the
     * outreach guards (consent) are asked as for any outbound message. For automations, which speak in channel names.
     */
    @Transactional
    @RequiresScope("interactions:write")
    public InteractionView recordQueued(UUID contactId, String channel, String purpose, String subject, String body) {
        InteractionType type = java.util.Arrays.stream(InteractionType.values()).filter(t -> channel.equals(t.consentChannel()))
                .findFirst().orElseThrow(() -> TorreException.invalidField(ErrorCode.VALIDATION, "channel", "invalid_value",
                        "No interaction records messages on " + channel));
        InteractionInput input = new InteractionInput(type, Direction.OUTBOUND, clock.now(), purpose, subject, body, null, null,
                null, null, null, null, contactId, null, null, null, null, null, Map.of(), "queued");
        return create(input, false).view();
    }

    @Transactional
    @RequiresScope("interactions:write")
    public InteractionBatchResult batch(@NotNull @Valid InteractionBatchRequest request) {
        int n = request.items().size();
        InteractionInput[] items = new InteractionInput[n];
        TorreException[] errors = new TorreException[n];
        for (int i = 0; i < n; i++) {
            try {
                items[i] = inputs.read(request.items().get(i), InteractionInput.class);
            } catch (RuntimeException e) {
                errors[i] = known(e);
            }
        }
        return InteractionBatchResult.of(record(items, errors, Boolean.TRUE.equals(request.createUnknownContacts()), BATCH));
    }

    @RequiresScope("interactions:read")
    public InteractionView get(UUID id) {
        return InteractionView.of(find(id));
    }

    @Transactional
    @RequiresScope("interactions:write")
    public InteractionView update(UUID id, JsonNode mergePatch, Long expectedVersion) {
        Interaction stored = find(id);
        UUID ticketBefore = stored.ticketId;
        UUID contactBefore = stored.contactId;
        Instant atBefore = stored.occurredAt;
        Direction directionBefore = stored.direction;
        Interaction updated = updateOne(id, mergePatch, expectedVersion);
        // a ticket counts an interaction once: only one newly linked to it is news to the ticket
        touchLinks(List.of(updated), updated.ticketId != null && !updated.ticketId.equals(ticketBefore));
        if (!Objects.equals(contactBefore, updated.contactId) || !atBefore.equals(updated.occurredAt)
                || directionBefore != updated.direction) {
            // moved to another contact, or to another time: the marks it set may have to move back
            Set<UUID> affected = new LinkedHashSet<>();
            affected.add(contactBefore);
            affected.add(updated.contactId);
            affected.remove(null);
            recomputeMarks(affected);
        }
        return InteractionView.of(updated);
    }

    @Transactional
    @RequiresScope("interactions:write")
    public void archive(UUID id) {
        UUID contactId = find(id).contactId;
        archiveOne(id);
        if (contactId != null) {
            // the archived interaction may have been the contact's latest: its marks fall back to what remains
            recomputeMarks(Set.of(contactId));
        }
    }

    /** Sets these contacts' last-interaction marks from their active interactions, which may move them back. */
    private void recomputeMarks(Set<UUID> contactIds) {
        if (contactIds.isEmpty()) {
            return;
        }
        flush();
        Map<UUID, Instant[]> marks = new HashMap<>();
        em.createQuery("""
                select i.contactId, max(i.occurredAt), max(case when i.direction = ?2 then i.occurredAt end)
                from Interaction i where i.contactId in ?1 and i.archivedAt is null group by i.contactId
                """, Object[].class).setParameter(1, contactIds).setParameter(2, Direction.INBOUND).getResultList()
                .forEach(r -> marks.put((UUID) r[0], new Instant[] { (Instant) r[1], (Instant) r[2] }));
        for (UUID contactId : contactIds) {
            Instant[] m = marks.getOrDefault(contactId, new Instant[2]);
            contactActivity.resetInteractions(contactId, m[0], m[1]);
        }
    }

    @Transactional
    @RequiresScope("interactions:write")
    public InteractionView restore(UUID id) {
        Interaction restored = restoreOne(id);
        // counted again: the contact's marks move forward to it if it is the latest (the ticket counted it already)
        touchLinks(List.of(restored), false);
        return InteractionView.of(restored);
    }

    @RequiresScope("interactions:read")
    public Page<InteractionView> list(ListRequest request) {
        return lists.page(Interaction.class, "interaction", InteractionFields.REGISTRY, request, SqlFragment.EMPTY)
                .map(InteractionView::of);
    }

    /** A contact's timeline, newest first. */
    @RequiresScope("interactions:read")
    public Page<InteractionView> contactTimeline(UUID contactId, String types, String limit, String cursor) {
        contacts.get(contactId);
        return timeline(SqlFragment.of("c.contact_id = ?", contactId), types, limit, cursor);
    }

    /** A company's timeline: its own interactions and those of its contacts, newest first. */
    @RequiresScope("interactions:read")
    public Page<InteractionView> companyTimeline(UUID companyId, String types, String limit, String cursor) {
        companies.get(companyId);
        return timeline(SqlFragment.of("c.company_id = ? or c.contact_id in "
                + "(select k.id from contact k where k.tenant_id = ? and k.company_id = ?)",
                companyId, TenantContext.current(), companyId), types, limit, cursor);
    }

    @RequiresScope("interactions:read")
    public Page<InteractionView> ticketTimeline(UUID ticketId, String types, String limit, String cursor) {
        tickets.get(ticketId);
        return timeline(SqlFragment.of("c.ticket_id = ?", ticketId), types, limit, cursor);
    }

    /** A deal's timeline, newest first; deals are known through their {@code deal} link target. */
    @RequiresScope("interactions:read")
    public Page<InteractionView> dealTimeline(UUID dealId, String types, String limit, String cursor) {
        if (links.existing("deal", "id", Set.of(dealId)).isEmpty()) {
            throw TorreException.notFound("Deal " + dealId);
        }
        return timeline(SqlFragment.of("c.deal_id = ?", dealId), types, limit, cursor);
    }

    /** The newest interactions of a contact, for overviews. */
    @RequiresScope("interactions:read")
    public List<InteractionView> latestOfContact(UUID contactId, int limit) {
        return timeline(SqlFragment.of("c.contact_id = ?", contactId), null, String.valueOf(limit), null).data();
    }

    private Page<InteractionView> timeline(SqlFragment scope, String types, String limit, String cursor) {
        ListRequest request = ListRequest.of(null, null, InteractionFields.NEWEST_FIRST, limit, cursor);
        SqlFragment where = types == null || types.isBlank() ? scope
                : SqlFragment.and(scope, SqlFragment.of("c.type = any(?)", (Object) typeNames(types)));
        return lists.page(Interaction.class, "interaction", InteractionFields.REGISTRY, request, where).map(InteractionView::of);
    }

    private static String[] typeNames(String types) {
        return Arrays.stream(types.split(",")).map(String::trim).map(t -> {
            try {
                return InteractionType.fromWire(t).wire();
            } catch (IllegalArgumentException e) {
                throw new TorreException(ErrorCode.INVALID_QUERY, "Unknown interaction type '" + t + "'",
                        List.of(new FieldError("type", "invalid_value", e.getMessage())));
            }
        }).toArray(String[]::new);
    }

    // --- recording ---

    /**
     * Records items (errors[i] set for those already refused), in this order: dedupe by
     * message id, link checks, consent, unknown contacts, then the writes — so a refused
     * item leaves nothing behind.
     */
    private List<InteractionBatchResult.Item> record(InteractionInput[] items, TorreException[] errors, boolean createContacts,
            String instance) {
        int n = items.length;
        for (int i = 0; i < n; i++) {
            if (errors[i] == null) {
                try {
                    items[i] = normalise(items[i]);
                } catch (RuntimeException e) {
                    errors[i] = known(e);
                }
            }
        }
        InteractionBatchResult.Status[] statuses = new InteractionBatchResult.Status[n];
        UUID[] ids = new UUID[n];
        int[] repeatOf = dedupe(items, errors, statuses, ids);
        checkLinks(items, errors, statuses);
        attachRecipients(items, errors, statuses);
        checkConsent(items, errors, statuses);
        resolveContacts(items, errors, statuses, createContacts);

        List<Interaction> written = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (errors[i] == null && statuses[i] == null) {
                Interaction stored = insert(items[i]);
                written.add(stored);
                ids[i] = stored.id;
                statuses[i] = InteractionBatchResult.Status.created;
            }
        }
        flush();
        touchLinks(written, true);

        List<InteractionBatchResult.Item> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (repeatOf[i] >= 0) {
                ids[i] = ids[repeatOf[i]];
            }
            Problem problem = errors[i] == null ? null : Problem.of(errors[i], instance + (n > 1 ? "#/items/" + i : ""));
            InteractionBatchResult.Status status = statuses[i] == null ? InteractionBatchResult.Status.error : statuses[i];
            results.add(new InteractionBatchResult.Item(i, status, ids[i], problem));
        }
        return results;
    }

    /**
     * The first delivery of a message id wins: a repeat with the same content is {@code unchanged},
     * with other content a {@code duplicate}. Answers, per item, the earlier item of the batch it
     * repeats (or -1), whose id it takes once written.
     */
    private int[] dedupe(InteractionInput[] items, TorreException[] errors, InteractionBatchResult.Status[] statuses, UUID[] ids) {
        int[] repeatOf = new int[items.length];
        Arrays.fill(repeatOf, -1);
        Set<Object> messageIds = new LinkedHashSet<>();
        for (int i = 0; i < items.length; i++) {
            if (errors[i] == null && items[i].externalMessageId() != null) {
                messageIds.add(items[i].externalMessageId());
            }
        }
        // claimed before they are looked up: a concurrent delivery of the same message waits, then finds it stored
        claimKeys(Map.of("externalMessageId", messageIds));
        Map<String, InteractionInput> first = new HashMap<>();
        Map<String, UUID> storedId = new HashMap<>();
        Map<String, Interaction> storedRow = new HashMap<>();
        for (Interaction stored : findByKey("externalMessageId", messageIds)) {
            first.put(stored.externalMessageId, content(inputOf(stored)));
            storedId.put(stored.externalMessageId, stored.id);
            storedRow.put(stored.externalMessageId, stored);
        }
        Map<String, Integer> firstInBatch = new HashMap<>();
        for (int i = 0; i < items.length; i++) {
            String messageId = errors[i] == null ? items[i].externalMessageId() : null;
            if (messageId == null) {
                continue;
            }
            InteractionInput earlier = first.get(messageId);
            if (earlier == null) {
                first.put(messageId, content(items[i]));
                firstInBatch.put(messageId, i);
                continue;
            }
            ids[i] = storedId.get(messageId);
            repeatOf[i] = firstInBatch.getOrDefault(messageId, -1);
            // against a stored message, compare as it would be stored: its sensitive properties sealed as they are
            InteractionInput candidate = items[i];
            if (storedRow.containsKey(messageId)) {
                try {
                    candidate = stored(storedRow.get(messageId), items[i]);
                } catch (TorreException e) {
                    errors[i] = e;
                    continue;
                }
            }
            if (earlier.equals(content(candidate))) {
                statuses[i] = InteractionBatchResult.Status.unchanged;
            } else {
                statuses[i] = InteractionBatchResult.Status.duplicate;
                errors[i] = new TorreException(ErrorCode.CONFLICT,
                        "Another message with this externalMessageId is already recorded, with different content; the first is kept",
                        List.of(new FieldError("externalMessageId", "duplicate", "Already used by another message")));
            }
        }
        return repeatOf;
    }

    /** What makes two deliveries the same message: everything but the override reason, which is not stored, and the delivery status, which moves. */
    private static InteractionInput content(InteractionInput in) {
        return new InteractionInput(in.type(), in.direction(), in.occurredAt(), in.purpose(), in.subject(), in.body(),
                in.fromAddress(), in.toAddress(), in.durationSeconds(), in.recordingUrl(), in.pageUrl(), in.sentiment(),
                in.contactId(), in.companyId(), in.dealId(), in.ticketId(), in.externalMessageId(), null, in.properties(), null);
    }

    /** Contacts, companies, tickets and deals must be the tenant's own: one query per kind for the whole batch. */
    private void checkLinks(InteractionInput[] items, TorreException[] errors, InteractionBatchResult.Status[] statuses) {
        Map<Integer, InteractionInput> pending = pending(items, errors, statuses);
        checkReferences(pending).forEach((i, e) -> errors[i] = e);
    }

    @Override
    public Map<Integer, TorreException> checkReferences(Map<Integer, InteractionInput> items) {
        Map<Integer, TorreException> failures = new LinkedHashMap<>();
        Links.check(items, failures, "contactId", "contact", InteractionInput::contactId, contacts::existing);
        Links.check(items, failures, "companyId", "company", InteractionInput::companyId, companies::existing);
        Links.check(items, failures, "ticketId", "ticket", InteractionInput::ticketId, tickets::existing);
        Links.check(items, failures, "dealId", "deal", InteractionInput::dealId, ids -> links.existing("deal", "dealId", ids));
        return failures;
    }

    /**
     * An outbound message that names no contact still reaches one when it answers a ticket
     * raised by a contact: it is linked to that contact, so consent is asked for the person who
     * gets it rather than skipped.
     */
    private void attachRecipients(InteractionInput[] items, TorreException[] errors, InteractionBatchResult.Status[] statuses) {
        Map<Integer, InteractionInput> onTickets = new LinkedHashMap<>();
        pending(items, errors, statuses).forEach((i, item) -> {
            if (item.direction() == Direction.OUTBOUND && item.contactId() == null && item.ticketId() != null
                    && item.type().consentChannel() != null) {
                onTickets.put(i, item);
            }
        });
        if (onTickets.isEmpty()) {
            return;
        }
        Map<UUID, TicketView> raisedBy = tickets.byIds(onTickets.values().stream().map(InteractionInput::ticketId).toList());
        onTickets.forEach((i, item) -> {
            TicketView ticket = raisedBy.get(item.ticketId());
            if (ticket != null && ticket.contactId() != null) {
                items[i] = withContact(item, ticket.contactId());
            }
        });
    }

    /** Every outreach guard (consent) is asked before an outbound message to a contact is recorded. */
    private void checkConsent(InteractionInput[] items, TorreException[] errors, InteractionBatchResult.Status[] statuses) {
        pending(items, errors, statuses).forEach((i, item) -> {
            String channel = item.type().consentChannel();
            if (item.direction() != Direction.OUTBOUND || item.contactId() == null || channel == null) {
                return;
            }
            OutreachGuard.Outreach outreach = new OutreachGuard.Outreach(item.contactId(), item.purpose(), channel,
                    item.consentOverrideReason());
            try {
                guards.forEach(guard -> guard.check(outreach));
            } catch (RuntimeException e) {
                errors[i] = known(e);
            }
        });
    }

    /** An inbound message without a contact is matched by its sender; unknown senders become contacts when asked. */
    private void resolveContacts(InteractionInput[] items, TorreException[] errors, InteractionBatchResult.Status[] statuses,
            boolean create) {
        Map<Integer, String> senders = new LinkedHashMap<>();
        pending(items, errors, statuses).forEach((i, item) -> {
            if (item.contactId() == null && item.direction() == Direction.INBOUND && item.fromAddress() != null) {
                senders.put(i, item.fromAddress());
            }
        });
        if (senders.isEmpty()) {
            return;
        }
        if (create) {
            // claimed before they are looked up: a concurrent write creating the same sender waits, then finds it
            contactIntake.claimKeys(Map.of("email", senders.values().stream().map(contactIntake::storedAddress)
                    .filter(a -> a != null && a.contains("@")).toList()));
        }
        Map<String, UUID> known = new HashMap<>();
        contactIntake.idsByAddress(senders.values()).forEach((address, id) -> known.put(contactIntake.storedAddress(address), id));
        senders.forEach((i, address) -> {
            String key = contactIntake.storedAddress(address);
            UUID contactId = key == null ? null : known.get(key);
            if (contactId == null && key != null && create) {
                try {
                    contactId = contactIntake.createFromAddress(address).id();
                    known.put(key, contactId);
                } catch (RuntimeException e) {
                    errors[i] = known(e);
                    return;
                }
            }
            if (contactId != null) {
                items[i] = withContact(items[i], contactId);
            }
        });
    }

    private static InteractionInput withContact(InteractionInput in, UUID contactId) {
        return new InteractionInput(in.type(), in.direction(), in.occurredAt(), in.purpose(), in.subject(), in.body(),
                in.fromAddress(), in.toAddress(), in.durationSeconds(), in.recordingUrl(), in.pageUrl(), in.sentiment(),
                contactId, in.companyId(), in.dealId(), in.ticketId(), in.externalMessageId(), in.consentOverrideReason(),
                in.properties(), in.status());
    }

    /** Moves the contacts' last-interaction marks and the tickets' response and activity clocks. */
    private void touchLinks(List<Interaction> written, boolean countOnTickets) {
        Map<UUID, Instant> latest = new HashMap<>();
        Map<UUID, Instant> latestInbound = new HashMap<>();
        for (Interaction i : written) {
            if (i.contactId != null) {
                latest.merge(i.contactId, i.occurredAt, InteractionService::later);
                if (i.direction == Direction.INBOUND) {
                    latestInbound.merge(i.contactId, i.occurredAt, InteractionService::later);
                }
            }
            if (countOnTickets && i.ticketId != null) {
                tickets.recordInteraction(i.ticketId, i.occurredAt, i.direction == Direction.OUTBOUND);
            }
        }
        contactActivity.recordInteractions(latest, latestInbound);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** The items still on their way to being written. */
    private static Map<Integer, InteractionInput> pending(InteractionInput[] items, TorreException[] errors,
            InteractionBatchResult.Status[] statuses) {
        Map<Integer, InteractionInput> pending = new LinkedHashMap<>();
        for (int i = 0; i < items.length; i++) {
            if (errors[i] == null && statuses[i] == null) {
                pending.put(i, items[i]);
            }
        }
        return pending;
    }

    private static TorreException known(RuntimeException e) {
        TorreException known = Failures.known(e);
        if (known == null) {
            throw e;
        }
        return known;
    }

    // --- the interaction's own rules ---

    @Override
    protected Kind<Interaction, InteractionInput> kind() {
        return KIND;
    }

    @Override
    public InteractionInput inputOf(Interaction i) {
        return new InteractionInput(i.type, i.direction, i.occurredAt, i.purpose, i.subject, i.body, i.fromAddress, i.toAddress,
                i.durationSeconds, i.recordingUrl, i.pageUrl, i.sentiment, i.contactId, i.companyId, i.dealId, i.ticketId,
                i.externalMessageId, null, i.properties, i.status);
    }


    /** Sensitive properties are sealed here, bound to this interaction and property. */
    @Override
    protected InteractionInput stored(Interaction record, InteractionInput in) {
        return in.withProperties(definitions.store("interaction", record.id, record.properties, in.properties()));
    }

    @Override
    public InteractionInput normalise(InteractionInput in) {
        return normalise(in, null);
    }

    /** A change checks the time only when it moves it: a record stored before the rule can still be edited, or redated. */
    @Override
    public InteractionInput normaliseChange(Interaction stored, InteractionInput next) {
        return normalise(next, stored.occurredAt);
    }

    private InteractionInput normalise(InteractionInput in, Instant storedAt) {
        String purpose = blankToNull(in.purpose());
        if (purpose != null && !ConsentTerms.PURPOSES.contains(purpose)) {
            // an unknown purpose (a typo, another case) would escape the consent check it exists for
            throw TorreException.invalidField(ErrorCode.VALIDATION, "purpose", "invalid_value",
                    "One of: " + String.join(", ", ConsentTerms.PURPOSES));
        }
        BigDecimal sentiment = in.sentiment() == null ? null : in.sentiment().setScale(3, RoundingMode.HALF_EVEN);
        Instant occurredAt = in.occurredAt().equals(storedAt) ? storedAt : CallerTime.past("occurredAt", in.occurredAt(), clock.now());
        return new InteractionInput(in.type(), in.direction(), occurredAt,
                blankToNull(in.purpose()), blankToNull(in.subject()), in.body(), blankToNull(in.fromAddress()),
                blankToNull(in.toAddress()), in.durationSeconds(), blankToNull(in.recordingUrl()), blankToNull(in.pageUrl()),
                sentiment, in.contactId(), in.companyId(), in.dealId(), in.ticketId(), blankToNull(in.externalMessageId()),
                blankToNull(in.consentOverrideReason()), definitions.apply("interaction", CustomProperties.check(in.properties())),
                blankToNull(in.status()));
    }

    /** An update names the interaction's contact: a delivery outcome (opened, bounced) is news about that person. */
    @Override
    protected Map<String, Object> updateContext(Interaction i) {
        return i.contactId == null ? Map.of() : Map.of("contactId", i.contactId.toString());
    }

    @Override
    protected boolean referencesChanged(Interaction i, InteractionInput next) {
        return !Objects.equals(i.contactId, next.contactId()) || !Objects.equals(i.companyId, next.companyId())
                || !Objects.equals(i.ticketId, next.ticketId()) || !Objects.equals(i.dealId, next.dealId());
    }

    @Override
    protected void apply(Interaction i, InteractionInput in) {
        i.type = in.type();
        i.direction = in.direction();
        i.occurredAt = in.occurredAt();
        i.purpose = in.purpose();
        i.subject = in.subject();
        i.body = in.body();
        i.fromAddress = in.fromAddress();
        i.toAddress = in.toAddress();
        i.durationSeconds = in.durationSeconds();
        i.recordingUrl = in.recordingUrl();
        i.pageUrl = in.pageUrl();
        i.sentiment = in.sentiment();
        i.contactId = in.contactId();
        i.companyId = in.companyId();
        i.dealId = in.dealId();
        i.ticketId = in.ticketId();
        i.externalMessageId = in.externalMessageId();
        i.properties = in.properties();
        i.status = in.status();
    }
}
