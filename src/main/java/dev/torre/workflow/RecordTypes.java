package dev.torre.workflow;

import dev.torre.platform.time.ServerClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import dev.torre.platform.persistence.RecordService;
import dev.torre.platform.persistence.Sql;
import dev.torre.platform.query.FieldRegistry;
import dev.torre.platform.query.FilterCompiler;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.tenancy.TenantContext;

/**
 * The kinds of record a workflow can be about, each reached through its capability's record service (read, patch)
 * and its table (conditions, the contact a message goes to, the owner a task goes to). Conditions are the list filter
 * grammar of the type, compiled to bind parameters only.
 */
@ApplicationScoped
class RecordTypes {

    @Inject
    ServerClock clock;

    /**
     * @param table      the record table, aliased {@code c}
     * @param contactSql the SQL of the contact the record is about (null: none)
     * @param ownerSql   the SQL of the user who owns it (null: none)
     */
    record Type(String name, String table, String contactSql, String ownerSql) {
    }

    static final Map<String, Type> TYPES = Map.of(
            "contact", new Type("contact", "contact", "c.id", "c.owner_id"),
            "company", new Type("company", "company", null, null),
            "deal", new Type("deal", "deal", "c.contact_id", "c.owner_id"),
            "order", new Type("order", "sales_order", "c.contact_id",
                    "(select o.owner_id from contact o where o.tenant_id = c.tenant_id and o.id = c.contact_id)"),
            "ticket", new Type("ticket", "ticket", "c.contact_id", "c.assignee_id"));

    @Inject
    Instance<RecordService<?, ?, ?>> records;

    @Inject
    EntityManager em;

    static Type type(String name) {
        return name == null ? null : TYPES.get(name);
    }

    /** The record service of the type (contact, deal, ...), which reads and patches its records. */
    RecordService<?, ?, ?> service(String name) {
        for (RecordService<?, ?, ?> service : records) {
            if (service.recordType().label().equals(name)) {
                return service;
            }
        }
        throw new IllegalStateException("No record service for " + name);
    }

    FieldRegistry<?> fields(String name) {
        return service(name).recordType().fields();
    }

    /** Which of these records (active ones) match the condition now; a null condition matches every active record. */
    List<UUID> matching(String typeName, String condition, UUID[] ids) {
        Type type = TYPES.get(typeName);
        List<Object> params = new ArrayList<>(List.of(TenantContext.current(), ids));
        String where = "";
        if (condition != null) {
            SqlFragment compiled = FilterCompiler.compile(condition, fields(typeName), clock.now());
            where = " and (" + compiled.sql() + ")";
            params.addAll(compiled.params());
        }
        return Sql.query(em, new SqlFragment("select c.id from " + type.table()
                + " c where c.tenant_id = ? and c.id = any(?) and c.archived_at is null" + where, params), r -> Sql.uuid(r, 1));
    }

    boolean matches(String typeName, String condition, UUID id) {
        return !matching(typeName, condition, new UUID[] { id }).isEmpty();
    }

    /** The contact the record is about, if any. */
    Optional<UUID> contactOf(String typeName, UUID id) {
        Type type = TYPES.get(typeName);
        if (type.contactSql() == null) {
            return Optional.empty();
        }
        return Sql.query(em, SqlFragment.of("select " + type.contactSql() + " from " + type.table()
                + " c where c.tenant_id = ? and c.id = ?", TenantContext.current(), id), r -> Sql.uuid(r, 1)).stream()
                .filter(java.util.Objects::nonNull).findFirst();
    }

    /** The user who owns the record, if any. */
    Optional<String> ownerOf(String typeName, UUID id) {
        Type type = TYPES.get(typeName);
        if (type.ownerSql() == null) {
            return Optional.empty();
        }
        return Sql.query(em, SqlFragment.of("select " + type.ownerSql() + " from " + type.table()
                + " c where c.tenant_id = ? and c.id = ?", TenantContext.current(), id), r -> r.getString(1)).stream()
                .filter(java.util.Objects::nonNull).findFirst();
    }
}
