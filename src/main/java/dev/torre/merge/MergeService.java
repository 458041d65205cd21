package dev.torre.merge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.torre.company.CompanyService;
import dev.torre.contact.ContactService;
import dev.torre.order.OrderService;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.event.EventLog;
import dev.torre.platform.http.MergePatch;
import dev.torre.platform.persistence.RecordService;
import dev.torre.platform.persistence.Sql;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.security.RequiresScope;
import dev.torre.platform.tenancy.TenantContext;

/**
 * Merges duplicates into one survivor, in one transaction. The survivor keeps its values unless {@code prefer} says
 * otherwise and fills its empty fields from the others (lists are joined, custom properties filled key by key); the
 * rows of other capabilities that point at a merged record move to the survivor in SQL (see {@link MergeKind}); the
 * merged records are archived with {@code mergedInto} set and give up their keys. The survivor's own change goes
 * through its service (validation, its updated event), then one {@code <kind>.merged} event records the merge. A
 * surviving contact is scored again at once from the history it now holds (lead score, churn risk, its deals' win
 * probability); the merged contacts keep their last scores, archived with them. A dry run makes every check and
 * computes the same outcome, and writes nothing.
 */
@ApplicationScoped
public class MergeService {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Inject
    EventLog events;

    @Inject
    dev.torre.platform.access.AccessPolicies access;

    @Inject
    ContactService contacts;

    @Inject
    CompanyService companies;

    @Inject
    OrderService orders;

    @Inject
    dev.torre.scoring.RescoringService rescoring;

    @Transactional
    @RequiresScope("contacts:write")
    public MergeView mergeContacts(UUID survivorId, @Valid MergeInput in) {
        return merge(MergeKind.CONTACT, contacts, survivorId, in);
    }

    @Transactional
    @RequiresScope("companies:write")
    public MergeView mergeCompanies(UUID survivorId, @Valid MergeInput in) {
        return merge(MergeKind.COMPANY, companies, survivorId, in);
    }

    private MergeView merge(MergeKind kind, RecordService<?, ?, ?> service, UUID survivorId, MergeInput in) {
        List<UUID> mergeIds = checkIds(survivorId, in.mergeIds());
        ObjectNode survivor = mapper.valueToTree(service.get(survivorId));
        Map<UUID, ObjectNode> others = new LinkedHashMap<>();
        for (UUID id : mergeIds) {
            others.put(id, mapper.valueToTree(service.get(id)));
        }
        checkState(kind, survivorId, mergeIds);
        Set<String> writable = writableFields(service.inputType());
        Map<String, UUID> filledFrom = new LinkedHashMap<>();
        Map<String, UUID> prefer = in.prefer() == null ? Map.of() : in.prefer();
        Set<String> hidden = access.hiddenFields(service.recordType().label());
        for (String field : prefer.keySet()) {
            if (hidden.contains(field)) {
                // the caller sees neither value, so choosing between them is not theirs to do
                throw TorreException.invalidField(ErrorCode.VALIDATION, "prefer." + field, "hidden_field",
                        "The field '" + field + "' is hidden from your role");
            }
        }
        ObjectNode patch = patch(kind, writable, survivorId, survivor, others, prefer, filledFrom);
        ObjectNode current = mapper.createObjectNode();
        writable.forEach(f -> current.set(f, survivor.path(f).isMissingNode() ? mapper.nullNode() : survivor.get(f)));
        Map<String, Integer> moved = count(kind, mergeIds);
        if (Boolean.TRUE.equals(in.dryRun())) {
            return new MergeView(survivorId, mergeIds, true, MergePatch.apply(current, patch), filledFrom, moved);
        }

        String tenant = TenantContext.current();
        UUID[] merged = mergeIds.toArray(UUID[]::new);
        em.flush();
        move(kind, tenant, survivorId, merged);
        Sql.update(em, SqlFragment.of(("update %s set merged_into = ?, archived_at = coalesce(archived_at, now()), external_id = null, "
                + "version = version + 1 where tenant_id = ? and id = any(?)").formatted(kind.table()), survivorId, tenant, merged));
        em.clear(); // the records changed under the session: the survivor's change reads it afresh
        if (!patch.isEmpty()) {
            service.update(survivorId, patch, null);
        }
        if (kind == MergeKind.CONTACT) {
            followContact(tenant, survivorId, merged);
            rescoring.contactsNow(Set.of(survivorId));
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("mergedIds", mergeIds.stream().map(UUID::toString).toList());
        payload.put("moved", moved);
        payload.put("filledFrom", filledFrom);
        events.append(kind.label(), survivorId, "merged", payload);
        ObjectNode after = mapper.valueToTree(service.get(survivorId));
        ObjectNode result = mapper.createObjectNode();
        writable.forEach(f -> result.set(f, after.path(f).isMissingNode() ? mapper.nullNode() : after.get(f)));
        return new MergeView(survivorId, mergeIds, false, result, filledFrom, moved);
    }

    private static List<UUID> checkIds(UUID survivorId, List<UUID> mergeIds) {
        Set<UUID> seen = new LinkedHashSet<>();
        for (UUID id : mergeIds) {
            if (id.equals(survivorId)) {
                throw TorreException.invalidField(ErrorCode.VALIDATION, "mergeIds", "self", "A record cannot be merged with itself");
            }
            if (!seen.add(id)) {
                throw TorreException.invalidField(ErrorCode.VALIDATION, "mergeIds", "duplicate", "The id " + id + " is listed twice");
            }
        }
        return List.copyOf(seen);
    }

    /** Locks the records in id order and refuses one already merged, archived, or two that carry different externalIds. */
    private void checkState(MergeKind kind, UUID survivorId, List<UUID> mergeIds) {
        List<UUID> all = new ArrayList<>(mergeIds);
        all.add(survivorId);
        List<Object[]> rows = Sql.query(em, SqlFragment.of(("select id, merged_into, archived_at is not null, external_id from %s "
                + "where tenant_id = ? and id = any(?) order by id for no key update").formatted(kind.table()),
                TenantContext.current(), all.toArray(UUID[]::new)), r -> new Object[] { Sql.uuid(r, 1), Sql.uuid(r, 2), r.getBoolean(3), r.getString(4) });
        Set<String> externalIds = new TreeSet<>();
        for (Object[] row : rows) {
            if (row[1] != null) {
                throw new TorreException(ErrorCode.CONFLICT, "The " + kind.label() + " " + row[0] + " was already merged into " + row[1],
                        List.of(new FieldError(row[0].equals(survivorId) ? "id" : "mergeIds", "already_merged", "Merged into " + row[1])));
            }
            if ((Boolean) row[2]) {
                throw new TorreException(ErrorCode.CONFLICT, "The " + kind.label() + " " + row[0] + " is archived; restore it before merging",
                        List.of(new FieldError(row[0].equals(survivorId) ? "id" : "mergeIds", "archived", "Archived")));
            }
            if (row[3] != null) {
                externalIds.add((String) row[3]);
            }
        }
        if (externalIds.size() > 1) {
            throw new TorreException(ErrorCode.CONFLICT, "The records carry different externalIds (" + String.join(", ", externalIds)
                    + "): a caller's system knows them as different records; change or clear all but one first",
                    List.of(new FieldError("externalId", "conflict", "Different externalIds: " + String.join(", ", externalIds))));
        }
    }

    /** The survivor's change: preferred values, then its empty fields filled from the others, lists joined, properties filled by key. */
    private ObjectNode patch(MergeKind kind, Set<String> writable, UUID survivorId, ObjectNode survivor, Map<UUID, ObjectNode> others,
            Map<String, UUID> prefer, Map<String, UUID> filledFrom) {
        for (Map.Entry<String, UUID> p : prefer.entrySet()) {
            if (!writable.contains(p.getKey())) {
                throw TorreException.invalidField(ErrorCode.VALIDATION, "prefer." + p.getKey(), "unknown_field",
                        "No writable field '" + p.getKey() + "'");
            }
            if (p.getValue() == null || (!p.getValue().equals(survivorId) && !others.containsKey(p.getValue()))) {
                throw TorreException.invalidField(ErrorCode.VALIDATION, "prefer." + p.getKey(), "invalid_value",
                        "Name the survivor or one of mergeIds");
            }
        }
        ObjectNode patch = mapper.createObjectNode();
        for (String field : writable) {
            JsonNode mine = survivor.path(field);
            UUID preferred = prefer.get(field);
            if (preferred != null) {
                if (!preferred.equals(survivorId)) {
                    JsonNode theirs = others.get(preferred).path(field);
                    if (!theirs.equals(mine)) {
                        patch.set(field, theirs.isMissingNode() ? mapper.nullNode() : theirs);
                        filledFrom.put(field, preferred);
                    }
                }
            } else if (kind.listFields().contains(field) && mine.isArray()) {
                ArrayNode joined = mine.deepCopy();
                Set<JsonNode> present = new HashSet<>();
                mine.forEach(present::add);
                others.forEach((id, other) -> other.path(field).forEach(v -> {
                    if (present.add(v)) {
                        joined.add(v);
                        filledFrom.putIfAbsent(field, id);
                    }
                }));
                if (joined.size() != mine.size()) {
                    patch.set(field, joined);
                }
            } else if (field.equals("properties") && mine.isObject()) {
                ObjectNode filled = mapper.createObjectNode();
                others.forEach((id, other) -> other.path(field).fields().forEachRemaining(e -> {
                    if (!mine.has(e.getKey()) && !filled.has(e.getKey()) && !e.getValue().isNull()) {
                        filled.set(e.getKey(), e.getValue());
                        filledFrom.put("properties." + e.getKey(), id);
                    }
                }));
                if (!filled.isEmpty()) {
                    patch.set(field, filled);
                }
            } else if (empty(mine)) {
                for (Map.Entry<UUID, ObjectNode> other : others.entrySet()) {
                    JsonNode theirs = other.getValue().path(field);
                    if (!empty(theirs)) {
                        patch.set(field, theirs);
                        filledFrom.put(field, other.getKey());
                        break;
                    }
                }
            }
        }
        return patch;
    }

    /** How many rows of each related kind point at the merged records. */
    private Map<String, Integer> count(MergeKind kind, List<UUID> mergeIds) {
        String tenant = TenantContext.current();
        UUID[] ids = mergeIds.toArray(UUID[]::new);
        Map<String, Integer> moved = new LinkedHashMap<>();
        for (MergeKind.Reference ref : kind.references()) {
            moved.put(ref.name(), countOf("select count(*) from %s where tenant_id = ? and %s = any(?)".formatted(ref.table(), ref.column()), tenant, ids));
        }
        if (kind == MergeKind.CONTACT) {
            moved.put("dealParticipants", countOf("select count(*) from deal_contact where tenant_id = ? and contact_id = any(?)", tenant, ids));
            moved.put("consents", countOf("select count(*) from consent where tenant_id = ? and contact_id = any(?)", tenant, ids));
        }
        moved.put("segmentMemberships", countOf("select count(*) from segment_member where tenant_id = ? and record_id = any(?)", tenant, ids));
        return moved;
    }

    private int countOf(String sql, String tenant, UUID[] ids) {
        return Sql.query(em, SqlFragment.of(sql, tenant, ids), r -> r.getInt(1)).getFirst();
    }

    private void move(MergeKind kind, String tenant, UUID survivorId, UUID[] merged) {
        for (MergeKind.Reference ref : kind.references()) {
            Sql.update(em, SqlFragment.of("update %1$s set %2$s = ?%3$s where tenant_id = ? and %2$s = any(?)"
                    .formatted(ref.table(), ref.column(), ref.versioned() ? ", version = version + 1" : ""), survivorId, tenant, merged));
        }
        if (kind == MergeKind.CONTACT) {
            Sql.update(em, SqlFragment.of("""
                    insert into deal_contact (tenant_id, id, deal_id, contact_id, role, version, created_at, updated_at, archived_at)
                    select distinct on (deal_id) tenant_id, gen_random_uuid(), deal_id, ?, role, 0, created_at, now(), archived_at
                    from deal_contact where tenant_id = ? and contact_id = any(?) order by deal_id, created_at
                    on conflict do nothing
                    """, survivorId, tenant, merged));
            Sql.update(em, SqlFragment.of("delete from deal_contact where tenant_id = ? and contact_id = any(?)", tenant, merged));
            // the ledger is append-only: the survivor gets a copy of every entry, noting whose it was; the originals stay
            Sql.update(em, SqlFragment.of("""
                    insert into consent (tenant_id, id, contact_id, purpose, channel, status, lawful_basis, source, proof_ip,
                        proof_user_agent, proof_form_url, proof_wording, proof_wording_version, occurred_at, expires_at, recorded_by,
                        version, created_at, updated_at, archived_at, merged_from)
                    select tenant_id, gen_random_uuid(), ?, purpose, channel, status, lawful_basis, source, proof_ip,
                        proof_user_agent, proof_form_url, proof_wording, proof_wording_version, occurred_at, expires_at, recorded_by,
                        0, created_at, now(), archived_at, contact_id
                    from consent where tenant_id = ? and contact_id = any(?) order by occurred_at, id
                    """, survivorId, tenant, merged));
        }
        Sql.update(em, SqlFragment.of("""
                insert into segment_member (tenant_id, segment_id, record_id, since)
                select tenant_id, segment_id, ?, min(since) from segment_member where tenant_id = ? and record_id = any(?)
                group by tenant_id, segment_id
                on conflict do nothing
                """, survivorId, tenant, merged));
        Sql.update(em, SqlFragment.of("delete from segment_member where tenant_id = ? and record_id = any(?)", tenant, merged));
    }

    /** What the contacts keep from their orders and interactions, brought up to date on the survivor. */
    private void followContact(String tenant, UUID survivorId, UUID[] merged) {
        orders.refreshPurchasesOf(Set.of(survivorId));
        List<Instant[]> marks = Sql.query(em, SqlFragment.of(
                "select max(last_interaction_at), max(last_inbound_at) from contact where tenant_id = ? and id = any(?)", tenant, merged),
                r -> new Instant[] { instant(r.getObject(1, java.time.OffsetDateTime.class)), instant(r.getObject(2, java.time.OffsetDateTime.class)) });
        Instant latest = marks.getFirst()[0];
        if (latest != null) {
            Instant inbound = marks.getFirst()[1];
            contacts.recordInteractions(Map.of(survivorId, latest), inbound == null ? Map.of() : Map.of(survivorId, inbound));
        }
    }

    private static Instant instant(java.time.OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    private Set<String> writableFields(Class<?> inputType) {
        BeanDescription description = mapper.getDeserializationConfig().introspect(mapper.constructType(inputType));
        Set<String> fields = new LinkedHashSet<>();
        for (BeanPropertyDefinition p : description.findProperties()) {
            fields.add(p.getName());
        }
        return fields;
    }

    private static boolean empty(JsonNode value) {
        return value == null || value.isMissingNode() || value.isNull() || (value.isTextual() && value.asText().isBlank())
                || (value.isContainerNode() && value.isEmpty());
    }
}
