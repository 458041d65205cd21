package dev.torre.platform.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** A piece of SQL with JDBC {@code ?} placeholders and the non-null values to bind to them, in order. */
public record SqlFragment(String sql, List<Object> params) {
    // Parameters are never null because comparisons with NULL must be written as IS NULL. Counting every '?'
    // catches a mismatch early, at the price that fragments may not use jsonb's ? operators or a literal '?'.

    /** Matches everything; {@link #and} leaves it out. */
    public static final SqlFragment EMPTY = new SqlFragment("", List.of());

    public SqlFragment {
        Objects.requireNonNull(sql, "sql");
        params = List.copyOf(params);
        long placeholders = sql.chars().filter(c -> c == '?').count();
        if (placeholders != params.size()) {
            throw new IllegalArgumentException(placeholders + " placeholders but " + params.size() + " parameters: "
                    + sql);
        }
    }

    public static SqlFragment of(String sql, Object... params) {
        return new SqlFragment(sql, Arrays.asList(params));
    }

    public boolean isEmpty() {
        return sql.isBlank();
    }

    /** Joins fragments with AND, each in parentheses, skipping empty ones; no parts gives {@link #EMPTY}. */
    public static SqlFragment and(SqlFragment... parts) {
        return and(Arrays.asList(parts));
    }

    /** Joins fragments with AND, each in parentheses, skipping empty ones; no parts gives {@link #EMPTY}. */
    public static SqlFragment and(List<SqlFragment> parts) {
        List<SqlFragment> present = parts.stream().filter(p -> !p.isEmpty()).toList();
        if (present.size() <= 1) {
            return present.isEmpty() ? EMPTY : present.getFirst();
        }
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (SqlFragment p : present) {
            sql.append(sql.isEmpty() ? "(" : " AND (").append(p.sql()).append(')');
            params.addAll(p.params());
        }
        return new SqlFragment(sql.toString(), params);
    }

    /** {@code WHERE <sql>} with a leading space, or the empty string when there is no condition. */
    public String whereClause() {
        return isEmpty() ? "" : " WHERE " + sql;
    }
}
