package dev.torre.workflow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.torre.platform.feed.EventCatalog;
import dev.torre.platform.feed.EventFeed;
import dev.torre.platform.persistence.Sql;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.feed.EventView;

/**
 * Turns one batch of a tenant's events into enrolments and woken waits, inside the transaction that moves the
 * trigger worker's cursor past them: record_changed conditions that became true, event triggers (with their filter
 * on the record), segment entries and exits, and runs waiting for an event about their record or its contact.
 */
@ApplicationScoped
class TriggerPass {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EntityManager em;

    @Inject
    Matches matches;

    @Inject
    Enrolment enrolment;

    @Inject
    RecordTypes types;

    @Inject
    RunStore runs;

    @Inject
    EventFeed feed;

    private static final int REPLAY_PAGE = 500;

    void apply(List<EventView> events) {
        List<Workflow> live = em.createQuery("from Workflow w where w.archivedAt is null and w.enabled = true order by w.id",
                Workflow.class).getResultList();
        catchUp(live);
        if (events.isEmpty()) {
            return;
        }
        // every enrolment of the batch is gathered, in order, and made at once
        List<Enrolment.Candidate> enrol = new ArrayList<>();
        recordChanges(events, live, enrol);
        Map<UUID, Set<UUID>> passing = filtered(events, live);
        for (EventView e : events) {
            for (Workflow w : live) {
                fire(w, e, passing.get(w.id), enrol);
            }
        }
        enrolment.enrolAll(enrol);
        // one query for the batch finds whether any record it names has a run waiting for an event at all
        Set<UUID> waiting = runs.waitingForAnEvent(events.stream().flatMap(e -> about(e).stream()).distinct().toArray(UUID[]::new));
        for (EventView e : events) {
            if (about(e).stream().anyMatch(waiting::contains)) {
                wakeWaiting(e);
            }
        }
    }

    /**
     * Catches up the triggers (re)defined since the last pass, under the cursor this pass holds: a pass that ran while
     * one was being defined read events without seeing it. A record_changed trigger is brought in line with its whole
     * table (records that entered since the baseline fire); event and segment triggers replay the events from their
     * definition up to this pass's position (at most a page beyond: enrolment is keyed by event, so one seen twice
     * enrols once). The generation caught up is recorded in the worker's own table: the worker never writes (so never
     * locks) a workflow row a definition write may want.
     */
    private void catchUp(List<Workflow> live) {
        Map<UUID, Long> seen = new HashMap<>();
        Sql.query(em, SqlFragment.of("select workflow_id, generation from workflow_trigger_seen where tenant_id = ?",
                TenantContext.current()), r -> seen.put(Sql.uuid(r, 1), r.getLong(2)));
        List<Workflow> behind = live.stream().filter(w -> w.triggerGeneration > seen.getOrDefault(w.id, 0L)).toList();
        if (behind.isEmpty()) {
            return;
        }
        // null: the cursor has not moved yet, so this pass and the next read every event since the definition anyway
        List<String> at = Sql.query(em, SqlFragment.of("select coalesce(position, '') from workflow_cursor where tenant_id = ?",
                TenantContext.current()), r -> r.getString(1));
        String position = at.isEmpty() || at.getFirst().isEmpty() ? null : at.getFirst();
        for (Workflow w : behind) {
            String type = w.trigger.path("type").asText();
            List<Enrolment.Candidate> enrol = new ArrayList<>();
            if ("record_changed".equals(type)) {
                for (UUID entered : matches.sync(w, null)) {
                    enrol.add(new Enrolment.Candidate(Enrolment.Target.of(w), w.trigger.path("objectType").asText(), entered,
                            "changed:" + entered + ":caught-up:" + w.triggerGeneration));
                }
            } else if (position != null && List.of("event", "segment_entered", "segment_exited").contains(type)) {
                replay(w, position, enrol);
            }
            enrolment.enrolAll(enrol);
            Sql.update(em, SqlFragment.of("""
                    insert into workflow_trigger_seen (tenant_id, workflow_id, generation) values (?, ?, ?)
                    on conflict (tenant_id, workflow_id) do update set generation = excluded.generation
                    """, TenantContext.current(), w.id, w.triggerGeneration));
        }
    }

    /** Fires one workflow for the events from its definition up to the pass's position. */
    private void replay(Workflow w, String position, List<Enrolment.Candidate> enrol) {
        String tenant = TenantContext.current();
        String from = feed.cursorAt(tenant, w.updatedAt).orElse(null);
        if (from == null) {
            return;
        }
        while (EventFeed.notPast(from, position)) {
            EventFeed.Page page = feed.readAfter(tenant, from, List.of(), REPLAY_PAGE);
            Map<UUID, Set<UUID>> passing = filtered(page.data(), List.of(w));
            for (EventView e : page.data()) {
                fire(w, e, passing.get(w.id), enrol);
            }
            if (page.data().size() < REPLAY_PAGE) {
                return;
            }
            from = page.next();
        }
    }

    /**
     * For each event trigger with a filter: which of the records its events in this batch name match the filter now,
     * in one query per workflow and record type rather than one per event.
     */
    private Map<UUID, Set<UUID>> filtered(List<EventView> events, List<Workflow> live) {
        Map<UUID, Set<UUID>> passing = new HashMap<>();
        for (Workflow w : live) {
            JsonNode t = w.trigger;
            if (!"event".equals(t.path("type").asText()) || !t.hasNonNull("filter")) {
                continue;
            }
            Map<String, Set<UUID>> candidates = new HashMap<>();
            for (EventView e : events) {
                if (!e.occurredAt().isBefore(w.updatedAt) && EventCatalog.matches(t.path("event").asText(), e.type())) {
                    String id = RecordTypes.type(e.entityType()) != null ? e.entityId() : contactOf(e);
                    if (id != null) {
                        candidates.computeIfAbsent(RecordTypes.type(e.entityType()) != null ? e.entityType() : "contact",
                                k -> new LinkedHashSet<>()).add(UUID.fromString(id));
                    }
                }
            }
            Set<UUID> matched = new java.util.HashSet<>();
            candidates.forEach((type, ids) -> matched.addAll(types.matching(type, t.path("filter").asText(), ids.toArray(UUID[]::new))));
            passing.put(w.id, matched);
        }
        return passing;
    }

    /** Re-evaluates each record_changed workflow over the records the batch touched; each record that entered is enrolled. */
    private void recordChanges(List<EventView> events, List<Workflow> live, List<Enrolment.Candidate> enrol) {
        Map<String, Map<UUID, EventView>> touched = new HashMap<>();
        for (EventView e : events) {
            String type = "consent".equals(e.entityType()) ? "contact" : e.entityType();
            String id = "consent".equals(e.entityType()) ? contactOf(e) : e.entityId();
            if (RecordTypes.type(type) != null && id != null) {
                touched.computeIfAbsent(type, k -> new LinkedHashMap<>()).put(UUID.fromString(id), e);
            }
        }
        for (Workflow w : live) {
            if (!"record_changed".equals(w.trigger.path("type").asText())) {
                continue;
            }
            Map<UUID, EventView> ids = touched.get(w.trigger.path("objectType").asText());
            if (ids == null) {
                continue;
            }
            for (UUID entered : matches.sync(w, ids.keySet().toArray(UUID[]::new))) {
                enrol.add(new Enrolment.Candidate(Enrolment.Target.of(w), w.trigger.path("objectType").asText(), entered,
                        "changed:" + entered + ":" + ids.get(entered).id(), ids.get(entered).occurredAt()));
            }
        }
    }

    private void fire(Workflow w, EventView e, Set<UUID> passingFilter, List<Enrolment.Candidate> enrol) {
        JsonNode t = w.trigger;
        if (e.occurredAt().isBefore(w.updatedAt)) {
            return; // what happened before the workflow was (re)defined or enabled does not enrol
        }
        switch (t.path("type").asText()) {
            case "event" -> {
                if (!EventCatalog.matches(t.path("event").asText(), e.type())) {
                    return;
                }
                String type = RecordTypes.type(e.entityType()) != null ? e.entityType() : "contact";
                String id = RecordTypes.type(e.entityType()) != null ? e.entityId() : contactOf(e);
                if (id == null || t.hasNonNull("filter") && !passingFilter.contains(UUID.fromString(id))) {
                    return;
                }
                enrol.add(new Enrolment.Candidate(Enrolment.Target.of(w), type, UUID.fromString(id), "event:" + e.id(), e.occurredAt()));
            }
            case "segment_entered", "segment_exited" -> {
                String wanted = "segment_entered".equals(t.path("type").asText()) ? "segment.member_added" : "segment.member_removed";
                Object segment = e.payload().get("segmentId");
                if (wanted.equals(e.type()) && t.path("segmentId").asText().equals(segment)) {
                    enrol.add(new Enrolment.Candidate(Enrolment.Target.of(w), (String) e.payload().get("objectType"),
                            UUID.fromString((String) e.payload().get("recordId")), "event:" + e.id(), e.occurredAt()));
                }
            }
            default -> {
            }
        }
    }

    /** Wakes the runs that wait for this event about their record or its contact, when it has the values they wait for. */
    private void wakeWaiting(EventView e) {
        Set<UUID> about = about(e);
        if (about.isEmpty()) {
            return;
        }
        JsonNode payload = JSON.valueToTree(e.payload());
        for (RunStore.Run run : runs.waitingFor(about.toArray(UUID[]::new), e.type())) {
            if (EventMatch.matches(payload, run.waitMatch())) {
                runs.eventArrived(run.id(), e.id());
            }
        }
    }

    /** The records an event is about: its own, and the contact it names. */
    private static Set<UUID> about(EventView e) {
        Set<UUID> about = new LinkedHashSet<>();
        if (e.entityId() != null) {
            about.add(UUID.fromString(e.entityId()));
        }
        String contact = contactOf(e);
        if (contact != null) {
            about.add(UUID.fromString(contact));
        }
        return about;
    }

    /** The contact an event names in its payload (a consent decision, an interaction), if any. */
    static String contactOf(EventView e) {
        Object direct = e.payload().get("contactId");
        if (direct instanceof String s) {
            return s;
        }
        return e.payload().get("data") instanceof Map<?, ?> data && data.get("contactId") instanceof String s ? s : null;
    }

}
