package dev.torre.platform.query;

import dev.torre.platform.query.Filter.Op;

import java.util.EnumSet;
import java.util.Set;

/** The kinds of value a filterable field holds; each kind decides which operators make sense. */
public enum FieldType {
    STRING("string", EnumSet.allOf(Op.class)),
    ENUM("enum", EnumSet.of(Op.EQ, Op.NE)),
    NUMBER("number", EnumSet.of(Op.EQ, Op.NE, Op.GT, Op.GE, Op.LT, Op.LE)),
    BOOLEAN("boolean", EnumSet.of(Op.EQ, Op.NE)),
    TIMESTAMP("timestamp", EnumSet.of(Op.EQ, Op.NE, Op.GT, Op.GE, Op.LT, Op.LE)),
    UUID("uuid", EnumSet.of(Op.EQ, Op.NE)),
    STRING_ARRAY("list of strings", EnumSet.of(Op.EQ, Op.NE, Op.CO, Op.SW, Op.EW));

    private final String label;
    private final Set<Op> operators;

    FieldType(String label, Set<Op> operators) {
        this.label = label;
        this.operators = operators;
    }

    /** How the type is named in error messages. */
    public String label() {
        return label;
    }

    /** The comparison operators allowed on this type; {@code pr} is allowed on every type. */
    public Set<Op> operators() {
        return EnumSet.copyOf(operators);
    }

    boolean allows(Op op) {
        return operators.contains(op);
    }
}
