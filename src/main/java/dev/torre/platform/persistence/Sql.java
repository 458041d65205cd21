package dev.torre.platform.persistence;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.EntityManager;

import org.hibernate.Session;

import dev.torre.platform.query.SqlFragment;

/**
 * Runs wide set-based statements (scoring, segment membership) on the transaction's own connection, binding
 * arrays and timestamps the way PostgreSQL wants them, where JPA's ordinal parameters would not stay readable.
 */
public final class Sql {

    /** Reads one result row. */
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private Sql() {
    }

    public static <T> List<T> query(EntityManager em, SqlFragment statement, RowReader<T> reader) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement ps = prepare(connection, statement); ResultSet rows = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rows.next()) {
                    out.add(reader.read(rows));
                }
                return out;
            }
        });
    }

    public static int update(EntityManager em, SqlFragment statement) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement ps = prepare(connection, statement)) {
                return ps.executeUpdate();
            }
        });
    }

    private static PreparedStatement prepare(Connection connection, SqlFragment statement) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(statement.sql());
        List<Object> params = statement.params();
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, bindable(connection, params.get(i)));
        }
        return ps;
    }

    private static Object bindable(Connection connection, Object value) throws SQLException {
        return switch (value) {
            case Instant t -> t.atOffset(ZoneOffset.UTC);
            case UUID[] ids -> array(connection, "uuid", ids);
            case String[] texts -> array(connection, "text", texts);
            case Double[] numbers -> array(connection, "float8", numbers);
            default -> value;
        };
    }

    private static Array array(Connection connection, String type, Object[] values) throws SQLException {
        return connection.createArrayOf(type, values);
    }

    /**
     * A list of texts as a PostgreSQL array literal ({@code {"a","b"}}, quotes and backslashes escaped), for a column of arrays sent as one
     * text array (a two-dimensional array would not do: its rows must all be as long).
     */
    public static String textArray(List<String> values) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String v = values.get(i);
            if (v == null) {
                out.append("NULL");
            } else {
                out.append('"').append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return out.append('}').toString();
    }

    public static UUID uuid(ResultSet row, int column) throws SQLException {
        return row.getObject(column, UUID.class);
    }

    public static Integer integer(ResultSet row, int column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }
}
