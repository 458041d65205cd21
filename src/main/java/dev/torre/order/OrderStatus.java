package dev.torre.order;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where an order stands, and where it may go next: money taken back never comes back as paid. */
public enum OrderStatus {
    PENDING, PAID, FULFILLED, CANCELLED, REFUNDED;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static OrderStatus fromWire(String value) {
        for (OrderStatus status : values()) {
            if (status.wire().equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("must be one of: " + wireNames(EnumSet.allOf(OrderStatus.class)));
    }

    /** The statuses this one may move to (staying put is always allowed). */
    public Set<OrderStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(PAID, FULFILLED, CANCELLED);
            case PAID -> EnumSet.of(FULFILLED, CANCELLED, REFUNDED);
            case FULFILLED -> EnumSet.of(REFUNDED);
            case CANCELLED, REFUNDED -> EnumSet.noneOf(OrderStatus.class);
        };
    }

    /** Whether the order counts as a purchase: paid for and not given back. */
    public boolean purchased() {
        return this == PAID || this == FULFILLED;
    }

    static String wireNames(Set<OrderStatus> statuses) {
        return statuses.isEmpty() ? "none" : Arrays.stream(values()).filter(statuses::contains).map(OrderStatus::wire)
                .collect(Collectors.joining(", "));
    }

    /** Stores the wire name. */
    @Converter(autoApply = true)
    public static class Column implements AttributeConverter<OrderStatus, String> {
        @Override
        public String convertToDatabaseColumn(OrderStatus status) {
            return status == null ? null : status.wire();
        }

        @Override
        public OrderStatus convertToEntityAttribute(String value) {
            return value == null ? null : fromWire(value);
        }
    }
}
