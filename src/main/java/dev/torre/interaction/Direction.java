package dev.torre.interaction;

import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.torre.platform.persistence.WireEnum;

/** Who started a touchpoint: the customer (inbound), the tenant (outbound), or nobody outside (internal). */
public enum Direction {
    INBOUND, OUTBOUND, INTERNAL;

    @JsonValue
    public String wire() {
        return WireEnum.wire(this);
    }

    @JsonCreator
    public static Direction fromWire(String value) {
        return WireEnum.parse(Direction.class, value);
    }

    /** Stores the wire name. */
    @Converter(autoApply = true)
    public static class Column extends WireEnum.Column<Direction> {
        public Column() {
            super(Direction.class);
        }
    }
}
