package dev.torre.platform.privacy;

import java.util.ArrayList;
import java.util.Comparator;
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

import dev.torre.platform.tenancy.TenantContext;

/**
 * Finds and removes a person's data across the whole schema, whichever capability's table
 * holds it: the tables and their text and JSON columns are read from the database catalogue,
 * so tables added later are covered without changing this class. Table and column names come
 * from the catalogue (never from callers); values are always bound.
 */
@ApplicationScoped
public class PersonalData {

    /** What replaces a removed value inside a longer text. */
    public static final String ERASED = "[erased]";

    /** A value counts as a whole word when not glued to letters, digits or the characters of an address. */
    private static final String EDGE = "[^[:alnum:]_.@+-]";

    /** Tables whose rows about a person are handled by their own capability or kept on purpose. */
    private static final Set<String> OWN_RULES = Set.of("contact", "consent", "privacy_request", "event_log", "idempotency_key");

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    record Column(String table, String name, String type, boolean nullable) {
    }

    /** Every row of every table that points at the contact through a {@code contact_id} column, as JSON, by table. */
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
                    parsed.add(mapper.readValue((String) row, Map.class));
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
     * anonymises first): events about them lose their payload, stored idempotent answers that
     * mention them are dropped, rows pointing at them lose their free text and every mention of
     * their values, and any other mention of their values in any text or JSON column is replaced.
     *
     * @param values the person's values (email, phone, names), longest matched first
     * @return how many rows were changed
     */
    public int erase(UUID contactId, List<String> values) {
        String tenant = TenantContext.current();
        List<String> tokens = values.stream().filter(v -> v != null && v.length() >= 2).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        int changed = em.createNativeQuery("""
                update event_log set payload = jsonb_build_object('erased', true)
                where tenant_id = ?1 and (entity_id = ?2 or cast(payload as text) like ?3)
                """).setParameter(1, tenant).setParameter(2, contactId).setParameter(3, "%" + contactId + "%").executeUpdate();
        changed += em.createNativeQuery("delete from idempotency_key where tenant_id = ?1 and body like ?2")
                .setParameter(1, tenant).setParameter(2, "%" + contactId + "%").executeUpdate();
        changed += em.createNativeQuery("update privacy_request set result = null where tenant_id = ?1 and contact_id = ?2")
                .setParameter(1, tenant).setParameter(2, contactId).executeUpdate();
        List<Column> columns = textColumns();
        Set<String> linked = Set.copyOf(tablesWithContactId());
        for (Column column : columns) {
            if (linked.contains(column.table()) && !OWN_RULES.contains(column.table()) && "text".equals(column.type())) {
                // free text about the person (a message body, a note) cannot be told apart from the rest of it
                changed += em.createNativeQuery("update " + quoted(column.table()) + " set " + quoted(column.name()) + " = "
                        + (column.nullable() ? "null" : "'" + ERASED + "'") + " where tenant_id = ?1 and contact_id = ?2 and "
                        + quoted(column.name()) + " is not null").setParameter(1, tenant).setParameter(2, contactId).executeUpdate();
            }
        }
        for (String token : tokens) {
            for (Column column : columns) {
                changed += replace(column, token, tenant);
            }
        }
        return changed;
    }

    private int replace(Column column, String token, String tenant) {
        String col = quoted(column.name());
        boolean json = column.type().equals("json") || column.type().equals("jsonb");
        String pattern = "(^|" + EDGE + ")" + regexEscaped(json ? jsonEscaped(token) : token) + "($|" + EDGE + ")";
        String replaced = "regexp_replace(%s, ?2, '\\1" + ERASED + "\\2', 'gi')";
        String value = switch (column.type()) {
            case "json", "jsonb" -> "cast(" + replaced.formatted("cast(" + col + " as text)") + " as " + column.type() + ")";
            case "ARRAY" -> "array(select " + replaced.formatted("e") + " from unnest(" + col + ") as e)";
            default -> replaced.formatted(col);
        };
        return em.createNativeQuery("update " + quoted(column.table()) + " set " + col + " = " + value
                + " where tenant_id = ?1 and cast(" + col + " as text) ~* ?2")
                .setParameter(1, tenant).setParameter(2, pattern).executeUpdate();
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
        @SuppressWarnings("unchecked")
        List<String> tables = em.createNativeQuery("""
                select c.table_name from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = current_schema() and t.table_type = 'BASE TABLE' and c.column_name = 'contact_id'
                order by c.table_name
                """).getResultList();
        return tables;
    }

    private String jsonEscaped(String token) {
        try {
            String quotedJson = mapper.writeValueAsString(token);
            return quotedJson.substring(1, quotedJson.length() - 1);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every character that is not a letter or digit is escaped, which PostgreSQL's regular expressions read literally. */
    private static String regexEscaped(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (!Character.isLetterOrDigit(cp)) {
                out.append('\\');
            }
            out.appendCodePoint(cp);
        });
        return out.toString();
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
