package dev.torre.merge;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.torre.platform.tenancy.TenantContext;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every column of the migrated database that points at a contact or a company is either moved by a merge or kept
 * on purpose, with a reason ({@link MergeKind}): a table added later cannot be left pointing at an archived duplicate
 * without this test saying so.
 */
@QuarkusTest
class MergeCoverageTest {

    /** Columns named after the record, and columns with a foreign key to it (whatever their name). */
    private static final String POINTERS = """
            select c.table_name, c.column_name, case when c.column_name = 'contact_id' then 'contact' else 'company' end
            from information_schema.columns c
            where c.table_schema = current_schema() and c.column_name in ('contact_id', 'company_id')
            union
            select cl.relname, a.attname, target.relname
            from pg_constraint k
            join pg_class cl on cl.oid = k.conrelid
            join pg_class target on target.oid = k.confrelid
            join pg_attribute a on a.attrelid = k.conrelid and a.attnum = any(k.conkey)
            where k.contype = 'f' and target.relname in ('contact', 'company') and a.attname <> 'tenant_id'
              and cl.relnamespace = current_schema()::regnamespace
            """;

    @Inject
    DataSource dataSource;

    @Test
    void everyColumnPointingAtAContactOrCompanyIsMovedOrKeptForAReason() {
        List<String[]> pointers = query(POINTERS, rs -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3) });
        assertTrue(pointers.size() >= 18, "the query found the schema's pointers: " + pointers.size());
        TreeSet<String> forgotten = new TreeSet<>();
        for (String[] p : pointers) {
            MergeKind kind = "contact".equals(p[2]) ? MergeKind.CONTACT : MergeKind.COMPANY;
            String column = p[0] + "." + p[1];
            if (!covers(kind, column)) {
                forgotten.add(column + " -> " + kind.table());
            }
        }
        assertEquals(new TreeSet<>(), forgotten, "MergeKind neither moves nor keeps (with a reason) these columns");
    }

    @Test
    void everyListedColumnExists() {
        TreeSet<String> columns = new TreeSet<>(query("select table_name || '.' || column_name from information_schema.columns"
                + " where table_schema = current_schema()", rs -> rs.getString(1)));
        for (MergeKind kind : List.of(MergeKind.CONTACT, MergeKind.COMPANY)) {
            kind.references().forEach(r -> assertTrue(columns.contains(r.table() + "." + r.column()), r.toString()));
            kind.handled().forEach(c -> assertTrue(columns.contains(c), c));
            kind.kept().forEach((c, reason) -> assertTrue(columns.contains(c) && !reason.isBlank(), c));
        }
    }

    /** The finding of the test above: messages workflows sent to a duplicate count toward the survivor's caps. */
    @Test
    void aMergeMovesTheWorkflowMessagesSentToTheDuplicate() {
        String tenant = newTenant();
        String survivor = Seed.contact(tenant, "Ana", "Ruiz");
        String duplicate = Seed.contact(tenant, "Anna", "Ruiz");
        TenantContext.callAs(tenant, () -> update("insert into workflow_message (tenant_id, id, contact_id, purpose, channel, run_id, sent_at)"
                + " values (?, ?, ?, 'marketing', 'email', ?, ?)", tenant, UUID.randomUUID(), UUID.fromString(duplicate), UUID.randomUUID(),
                Timestamp.from(Instant.now())));

        admin(tenant).body(Map.of("mergeIds", List.of(duplicate))).when().post("/v1/contacts/{id}/merge", survivor)
                .then().statusCode(200).body("moved.workflowMessages", equalTo(1));

        assertEquals(List.of(survivor), TenantContext.callAs(tenant,
                () -> query("select contact_id::text from workflow_message", rs -> rs.getString(1))));
    }

    private static boolean covers(MergeKind kind, String column) {
        return kind.references().stream().anyMatch(r -> (r.table() + "." + r.column()).equals(column))
                || kind.handled().contains(column) || kind.kept().containsKey(column);
    }

    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Row<T> row) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rs = statement.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row.read(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private int update(String sql, Object... params) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
