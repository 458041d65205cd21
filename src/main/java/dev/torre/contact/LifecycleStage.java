package dev.torre.contact;

import java.util.Arrays;
import java.util.stream.Collectors;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a person stands in the customer journey, from first touch to advocate. */
public enum LifecycleStage {
    SUBSCRIBER, LEAD, MQL, SQL, OPPORTUNITY, CUSTOMER, EVANGELIST, OTHER;

    /** The lower-case name used in JSON, filters and the database. */
    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static LifecycleStage fromWire(String value) {
        for (LifecycleStage stage : values()) {
            if (stage.wire().equals(value)) {
                return stage;
            }
        }
        throw new IllegalArgumentException("must be one of: " + wireNames());
    }

    /** Whether this stage comes earlier in the journey than {@code other}; OTHER is outside the journey. */
    public boolean isBefore(LifecycleStage other) {
        return this != OTHER && other != OTHER && ordinal() < other.ordinal();
    }

    public static String[] wireValues() {
        return Arrays.stream(values()).map(LifecycleStage::wire).toArray(String[]::new);
    }

    private static String wireNames() {
        return Arrays.stream(values()).map(LifecycleStage::wire).collect(Collectors.joining(", "));
    }

    /** Stores the wire name, so SQL filters compare with what callers write. */
    @Converter(autoApply = true)
    public static class Column implements AttributeConverter<LifecycleStage, String> {
        @Override
        public String convertToDatabaseColumn(LifecycleStage stage) {
            return stage == null ? null : stage.wire();
        }

        @Override
        public LifecycleStage convertToEntityAttribute(String value) {
            return value == null ? null : fromWire(value);
        }
    }
}
