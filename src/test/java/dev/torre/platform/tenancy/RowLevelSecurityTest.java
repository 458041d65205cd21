package dev.torre.platform.tenancy;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The database's own tenancy wall, tested without Hibernate's: plain SQL with no tenant
 * predicate, on the application's pooled connections, sees only the stamped tenant's rows.
 */
@QuarkusTest
class RowLevelSecurityTest {

    @Inject
    DataSource dataSource;

    @Inject
    UserTransaction transaction;

    private final String tenantA = newTenant();
    private final String tenantB = newTenant();

    @BeforeEach
    void twoTenantsWithData() {
        for (int i = 0; i < 3; i++) {
            admin(tenantA).body(Map.of("email", "a" + i + "@example.com")).when().post("/v1/contacts").then().statusCode(201);
        }
        for (int i = 0; i < 2; i++) {
            admin(tenantB).body(Map.of("email", "b" + i + "@example.com")).when().post("/v1/contacts").then().statusCode(201);
        }
        admin(tenantB).body(Map.of("name", "B Company")).when().post("/v1/companies").then().statusCode(201);
    }

    @Test
    void aStampedConnectionSeesOnlyItsTenantsRows() {
        assertEquals(3L, TenantContext.callAs(tenantA, () -> single("select count(*) from contact")));
        assertEquals(2L, TenantContext.callAs(tenantB, () -> single("select count(*) from contact")));
        assertEquals(0L, TenantContext.callAs(tenantA, () -> single("select count(*) from company")));
        assertEquals(1L, TenantContext.callAs(tenantB, () -> single("select count(*) from company")));
        assertEquals(tenantA, TenantContext.callAs(tenantA, () -> single("select current_setting('torre.tenant', true)")));
        assertEquals(3L, TenantContext.callAs(tenantA,
                () -> single("select count(*) from event_log where entity_type = 'contact'")));
    }

    @Test
    void aConnectionWithoutTenantSeesNothing() {
        assertEquals(0L, single("select count(*) from contact"));
        assertEquals(0L, single("select count(*) from company"));
        assertEquals(0L, single("select count(*) from event_log"));
    }

    @Test
    void theDatabaseRefusesToWriteAnotherTenantsRows() {
        Refused refused = assertThrows(Refused.class, () -> TenantContext.callAs(tenantA, () -> update("""
                insert into contact (tenant_id, id, lifecycle_stage, version, created_at, updated_at)
                values (?, gen_random_uuid(), 'lead', 0, now(), now())
                """, tenantB)));
        assertEquals("42501", refused.getCause().getSQLState(), refused.getCause().getMessage());

        assertEquals(0L, TenantContext.callAs(tenantA,
                () -> update("update contact set first_name = 'Mallory' where tenant_id = ?", tenantB)));
        assertEquals(0L, TenantContext.callAs(tenantA,
                () -> update("delete from contact where tenant_id = ?", tenantB)));
        assertEquals(2L, TenantContext.callAs(tenantB,
                () -> single("select count(*) from contact where first_name is null")));
    }

    @Test
    void aTenantStampedInARolledBackTransactionIsNotTrusted() {
        List<Boolean> sameConnection = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Object before = TenantContext.callAs(tenantB, () -> single("select pg_backend_pid()"));
            Object during = TenantContext.callAs(tenantA, this::backendInARolledBackTransaction);
            Object after = TenantContext.callAs(tenantA, () -> single("select pg_backend_pid()"));
            sameConnection.add(before.equals(during) && during.equals(after));

            assertEquals(tenantA, TenantContext.callAs(tenantA, () -> single("select current_setting('torre.tenant', true)")));
            assertEquals(3L, TenantContext.callAs(tenantA, () -> single("select count(*) from contact")));
            assertEquals(2L, TenantContext.callAs(tenantB, () -> single("select count(*) from contact")));
        }
        assertTrue(sameConnection.contains(true), "the pool never reused the connection, so the rollback path went untested");
    }

    @Test
    void theApplicationRoleIsSubjectToRowLevelSecurity() {
        Object[] role = row("select rolsuper, rolbypassrls from pg_roles where rolname = current_user");
        assertFalse((Boolean) role[0], "the application connects as a superuser");
        assertFalse((Boolean) role[1], "the application's role bypasses row-level security");
    }

    /** Migrations run as an owner role; the role that serves requests owns nothing, so it cannot lift the wall. */
    @Test
    void theApplicationRoleOwnsNoTableAndCannotLiftTheWall() {
        Assumptions.assumeTrue(System.getenv("TORRE_TEST_DB_URL") == null || System.getenv("TORRE_TEST_DB_OWNER_USER") != null,
                "an external test database without a separate owner role");
        assertEquals(0L, single("select count(*) from pg_tables where schemaname = 'public' and tableowner = current_user"));
        Refused refused = assertThrows(Refused.class,
                () -> TenantContext.callAs(tenantA, () -> update("alter table contact no force row level security")));
        assertEquals("42501", refused.getCause().getSQLState(), refused.getCause().getMessage());
    }

    @Test
    void everyTableEnablesAndForcesRowLevelSecurity() {
        List<String> tables = new ArrayList<>();
        List<String> unprotected = new ArrayList<>();
        query("""
                select c.relname, c.relrowsecurity, c.relforcerowsecurity
                from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname <> 'flyway_schema_history'
                order by c.relname
                """, rs -> {
            tables.add(rs.getString(1));
            if (!rs.getBoolean(2) || !rs.getBoolean(3)) {
                unprotected.add(rs.getString(1));
            }
        });
        assertTrue(tables.containsAll(List.of("company", "contact", "event_log", "idempotency_key")), tables.toString());
        assertEquals(List.of(), unprotected, "tables without enabled and forced row-level security");

        List<String> withoutPolicy = new ArrayList<>();
        query("""
                select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname <> 'flyway_schema_history'
                  and not exists (select 1 from pg_policy p where p.polrelid = c.oid)
                """, rs -> withoutPolicy.add(rs.getString(1)));
        assertEquals(List.of(), withoutPolicy, "tables without a tenant policy");
    }

    /**
     * The one deliberate opening in the wall: the tenant registry (ids only, filled from the event log) is
     * readable from any connection so that background jobs can list tenants; writing it is still walled.
     */
    @Test
    void theTenantRegistryListsIdsButATenantRegistersOnlyItselfAndChangesNothing() {
        List<String> listed = new ArrayList<>();
        query("select tenant_id from tenant", rs -> listed.add(rs.getString(1)));
        assertTrue(listed.containsAll(List.of(tenantA, tenantB)), "tenants are registered by their first event");
        List<String> columns = new ArrayList<>();
        query("select column_name from information_schema.columns where table_name = 'tenant' order by ordinal_position",
                rs -> columns.add(rs.getString(1)));
        assertEquals(List.of("tenant_id", "first_seen_at"), columns, "the registry holds no business data");

        Refused refused = assertThrows(Refused.class,
                () -> TenantContext.callAs(tenantA, () -> update("insert into tenant (tenant_id) values (?)", "not-" + tenantA)));
        assertEquals("42501", refused.getCause().getSQLState(), refused.getCause().getMessage());
        assertEquals(0L, TenantContext.callAs(tenantA, () -> update("delete from tenant where tenant_id = ?", tenantB)));
        assertEquals(0L, TenantContext.callAs(tenantA, () -> update("update tenant set first_seen_at = now() where tenant_id = ?", tenantA)));
        assertEquals(1L, single("select count(*) from tenant where tenant_id = '" + tenantB + "'"));
    }

    /** Stamps a connection inside a transaction that then rolls back, which makes PostgreSQL undo the stamp. */
    private Object backendInARolledBackTransaction() {
        try {
            transaction.begin();
            try {
                return single("select pg_backend_pid()");
            } finally {
                transaction.rollback();
            }
        } catch (jakarta.transaction.NotSupportedException | jakarta.transaction.SystemException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- plain JDBC on the application's pool; the pool interceptor stamps each connection ---

    interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, RowReader reader) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                reader.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object[] row(String sql) {
        List<Object[]> rows = new ArrayList<>();
        query(sql, rs -> {
            Object[] values = new Object[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = rs.getObject(i + 1);
            }
            rows.add(values);
        });
        assertEquals(1, rows.size(), sql);
        return rows.get(0);
    }

    private Object single(String sql) {
        return row(sql)[0];
    }

    /** Runs a write; a refusal by the database surfaces as the SQLException itself. */
    private long update(String sql, Object... params) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new Refused(e);
        }
    }

    /** Carries a database refusal out of the Supplier that {@link TenantContext#callAs} takes. */
    private static final class Refused extends RuntimeException {
        Refused(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }
}
