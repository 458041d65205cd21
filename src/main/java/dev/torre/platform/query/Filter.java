package dev.torre.platform.query;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A parsed filter expression, shared by the SCIM-style {@code filter} parameter and GraphQL {@code where} inputs.
 */
public sealed interface Filter {

    /** Every attribute path the filter reads, in no particular order (a path read twice is listed twice). */
    static List<String> paths(Filter root) {
        List<String> paths = new ArrayList<>();
        Deque<Filter> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            switch (todo.pop()) {
                case And a -> {
                    todo.push(a.left());
                    todo.push(a.right());
                }
                case Or o -> {
                    todo.push(o.left());
                    todo.push(o.right());
                }
                case Not n -> todo.push(n.inner());
                case Compare c -> paths.add(c.path());
                case Present p -> paths.add(p.path());
            }
        }
        return paths;
    }

    /** Both sides must hold. */
    record And(Filter left, Filter right) implements Filter {
        public And {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    /** Either side must hold. */
    record Or(Filter left, Filter right) implements Filter {
        public Or {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    /** The inner filter must not hold; a comparison against a missing value counts as not holding. */
    record Not(Filter inner) implements Filter {
        public Not {
            Objects.requireNonNull(inner, "inner");
        }
    }

    /** {@code path op value}, e.g. {@code lastName eq "Smith"}. */
    record Compare(String path, Op op, Literal value) implements Filter {
        public Compare {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code path pr}: the attribute has a value (for strings: a non-empty one). */
    record Present(String path) implements Filter {
        public Present {
            Objects.requireNonNull(path, "path");
        }
    }

    /** Comparison operators; presence ({@code pr}) is its own node. */
    enum Op {
        EQ, NE, CO, SW, EW, GT, GE, LT, LE;

        /** The keyword as written in a filter. */
        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A value on the right-hand side of a comparison. */
    sealed interface Literal {
    }

    /** A JSON string value. */
    record StringLit(String value) implements Literal {
        public StringLit {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A JSON number value. */
    record NumberLit(BigDecimal value) implements Literal {
        public NumberLit {
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code true} or {@code false}. */
    record BoolLit(boolean value) implements Literal {
    }

    /** {@code null}. */
    record NullLit() implements Literal {
    }
}
