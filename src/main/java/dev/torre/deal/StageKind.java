package dev.torre.deal;

import java.util.Arrays;
import java.util.stream.Collectors;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a stage holds deals still in play, or closes them as won or lost. */
public enum StageKind {
    OPEN, WON, LOST;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static StageKind fromWire(String value) {
        for (StageKind kind : values()) {
            if (kind.wire().equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("must be one of: "
                + Arrays.stream(values()).map(StageKind::wire).collect(Collectors.joining(", ")));
    }

    public boolean closes() {
        return this != OPEN;
    }

    /** Stores the wire name. */
    @Converter(autoApply = true)
    public static class Column implements AttributeConverter<StageKind, String> {
        @Override
        public String convertToDatabaseColumn(StageKind kind) {
            return kind == null ? null : kind.wire();
        }

        @Override
        public StageKind convertToEntityAttribute(String value) {
            return value == null ? null : fromWire(value);
        }
    }
}
