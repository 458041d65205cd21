package dev.torre.platform.privacy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.torre.platform.crypto.Sealer;
import dev.torre.platform.tenancy.TenantContext;

/**
 * Finds and removes a person's data across the whole schema, whichever capability's table
 * holds it: the tables that point at a contact and their text and JSON columns are read from the catalogue,
 * so tables added later are covered without changing this class. Table and column names come
 * from the catalogue (never from callers); values are always bound.
 */
@ApplicationScoped
public class PersonalData {

    /** What a required text column of a row about an erased person reads as. */
    public static final String ERASED = "[erased]";

    /**
     * Columns that say what a row is in Torre's own vocabulary (its type, status, channel...) and
     * not what was said or written: they stay, so an erased interaction is still a call.
     */
    private static final Set<String> CODES = Set.of("type", "direction", "purpose", "status", "priority", "channel", "currency",
            "kind", "state");

    /** Tables whose rows about a person are handled by their own capability or kept on purpose. */
    private static final Set<String> OWN_RULES = Set.of("contact", "consent", "privacy_request", "event_log", "idempotency_key");

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    record Column(String table, String name, String type, boolean nullable) {
    }

    /**
     * Every row of every table that points at the contact through a {@code contact_id} column, as
     * JSON, by table; sealed values are left out, since an export is read without a role.
     */
    public Map<String, List<Object>> rowsAbout(UUID contactId) {
        Map<String, List<Object>> byTable = new LinkedHashMap<>();
        for (String table : tablesWithContactId()) {
            if (OWN_RULES.contains(table)) {
                continue;
            }
            @SuppressWarnings("unchecked")
            List<Object> rows = em.createNativeQuery("select cast(to_jsonb(t) - 'tenant_id' as text) from " + quoted(table)
                    + " t where t.tenant_id = ?1 and t.contact_id = ?2").setParameter(1, TenantContext.current())
                    .setParameter(2, contactId).getResultList();
            List<Object> parsed = new ArrayList<>();
            for (Object row : rows) {
                try {
                    parsed.add(Sealer.withoutSealed(mapper.readValue((String) row, Map.class)));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("A row of " + table + " could not be read as JSON", e);
                }
            }
            byTable.put(table, parsed);
        }
        return byTable;
    }

    /**
     * Erases the person everywhere but in their own contact row (which its capability
     * anonymises first), and nowhere else: the rows that point at them lose all their free
     * text, whatever the column's type (only the codes of Torre's vocabulary that say what a row
     * is stay); events about them or about those rows lose their payload; stored idempotent
     * answers that mention any of them are dropped. Rows of other people are never touched, even
     * when they mention the person: they are someone else's data, and a name is not a key.
     *
     * @return how many rows were changed
     */
    public int erase(UUID contactId) {
        String tenant = TenantContext.current();
        int changed = 0;
        List<UUID> linkedIds = new ArrayList<>();
        Map<String, List<Column>> byTable = new LinkedHashMap<>();
        textColumns().forEach(c -> byTable.computeIfAbsent(c.table(), t -> new ArrayList<>()).add(c));
        Set<String> withId = tablesWithColumn("id");
        for (String table : tablesWithContactId()) {
            if (OWN_RULES.contains(table)) {
                continue;
            }
            if (withId.contains(table)) {
                @SuppressWarnings("unchecked")
                List<UUID> ids = em.createNativeQuery("select id from " + quoted(table) + " where tenant_id = ?1 and contact_id = ?2")
                        .setParameter(1, tenant).setParameter(2, contactId).getResultList();
                linkedIds.addAll(ids);
            }
            List<String> cleared = byTable.getOrDefault(table, List.of()).stream().filter(PersonalData::freeText)
                    .map(c -> quoted(c.name()) + " = " + blank(c)).toList();
            if (!cleared.isEmpty()) {
                changed += em.createNativeQuery("update " + quoted(table) + " set " + String.join(", ", cleared)
                        + " where tenant_id = ?1 and contact_id = ?2").setParameter(1, tenant).setParameter(2, contactId).executeUpdate();
            }
        }
        List<String> mentions = new ArrayList<>();
        mentions.add("%" + contactId + "%");
        linkedIds.forEach(id -> mentions.add("%" + id + "%"));
        changed += em.createNativeQuery("""
                update event_log set payload = jsonb_build_object('erased', true)
                where tenant_id = ?1 and (entity_id = ?2 or entity_id = any(?3) or cast(payload as text) like any(?4))
                """).setParameter(1, tenant).setParameter(2, contactId).setParameter(3, linkedIds.toArray(UUID[]::new))
                .setParameter(4, mentions.toArray(String[]::new)).executeUpdate();
        changed += em.createNativeQuery("delete from idempotency_key where tenant_id = ?1 and body like any(?2)")
                .setParameter(1, tenant).setParameter(2, mentions.toArray(String[]::new)).executeUpdate();
        changed += forgetInDeliveries(tenant, contactId, linkedIds, mentions, "erased");
        changed += em.createNativeQuery("update privacy_request set result = null where tenant_id = ?1 and contact_id = ?2")
                .setParameter(1, tenant).setParameter(2, contactId).executeUpdate();
        return changed;
    }

    /**
     * Reaches the copies of rows that were deleted (by a retention rule): the events about them
     * lose their payload and the stored idempotent answers that mention them are dropped.
     *
     * @return how many events and stored answers were changed
     */
    public int forgetDeleted(List<UUID> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        String tenant = TenantContext.current();
        String[] mentions = ids.stream().map(id -> "%" + id + "%").toArray(String[]::new);
        int changed = em.createNativeQuery("""
                update event_log set payload = jsonb_build_object('deleted', true)
                where tenant_id = ?1 and entity_id = any(?2)
                """).setParameter(1, tenant).setParameter(2, ids.toArray(UUID[]::new)).executeUpdate();
        changed += forgetInDeliveries(tenant, null, ids, java.util.Arrays.asList(mentions), "deleted");
        return changed + em.createNativeQuery("delete from idempotency_key where tenant_id = ?1 and body like any(?2)")
                .setParameter(1, tenant).setParameter(2, mentions).executeUpdate();
    }

    /**
     * Webhook deliveries keep a copy of the event they push: the copies about these records, or mentioning them, keep
     * only their type and time, and a pending one delivers the mark instead of the person's data.
     */
    private int forgetInDeliveries(String tenant, UUID contactId, List<UUID> ids, List<String> mentions, String mark) {
        return em.createNativeQuery("""
                update webhook_delivery set body = jsonb_build_object('type', body->'type', 'timestamp', body->'timestamp',
                    'data', jsonb_build_object(cast(?5 as text), true))
                where tenant_id = ?1 and (entity_id = ?2 or entity_id = any(?3) or cast(body as text) like any(?4))
                """).setParameter(1, tenant).setParameter(2, contactId == null ? new UUID(0, 0) : contactId)
                .setParameter(3, ids.toArray(UUID[]::new)).setParameter(4, mentions.toArray(String[]::new)).setParameter(5, mark)
                .executeUpdate();
    }

    /** Whether a column of a row about the person holds free text, rather than a code of Torre's vocabulary or a reference. */
    private static boolean freeText(Column column) {
        String name = column.name();
        return !CODES.contains(name) && (!name.endsWith("_id") || name.startsWith("external_"));
    }

    /** The emptiest value of a column's type: null where allowed, else an empty array or object, or the erased mark. */
    private static String blank(Column column) {
        if (column.nullable()) {
            return "null";
        }
        return switch (column.type()) {
            case "ARRAY" -> "'{}'";
            case "json", "jsonb" -> "cast(case " + column.type() + "_typeof(" + quoted(column.name())
                    + ") when 'array' then '[]' else '{}' end as " + column.type() + ")";
            default -> "'" + ERASED + "'";
        };
    }

    /** Text, character, JSON and text-array columns of the tenant tables, generated ones left out (they follow their sources). */
    List<Column> textColumns() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select c.table_name, c.column_name, c.data_type, c.is_nullable = 'YES'
                from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = current_schema() and t.table_type = 'BASE TABLE' and c.is_generated = 'NEVER'
                  and c.column_name <> 'tenant_id'
                  and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb')
                       or (c.data_type = 'ARRAY' and c.udt_name in ('_text', '_varchar')))
                  and exists (select 1 from information_schema.columns k where k.table_schema = c.table_schema
                              and k.table_name = c.table_name and k.column_name = 'tenant_id')
                order by c.table_name, c.ordinal_position
                """).getResultList();
        return rows.stream().map(r -> new Column((String) r[0], (String) r[1], (String) r[2], (Boolean) r[3])).toList();
    }

    private List<String> tablesWithContactId() {
        return List.copyOf(tablesWithColumn("contact_id"));
    }

    private Set<String> tablesWithColumn(String column) {
        @SuppressWarnings("unchecked")
        List<String> tables = em.createNativeQuery("""
                select c.table_name from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = current_schema() and t.table_type = 'BASE TABLE' and c.column_name = ?1
                order by c.table_name
                """).setParameter(1, column).getResultList();
        return new java.util.LinkedHashSet<>(tables);
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
