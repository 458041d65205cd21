package dev.torre.ticket;

import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.torre.platform.persistence.WireEnum;

/** How urgent a ticket is. */
public enum TicketPriority {
    LOW, NORMAL, HIGH, URGENT;

    @JsonValue
    public String wire() {
        return WireEnum.wire(this);
    }

    @JsonCreator
    public static TicketPriority fromWire(String value) {
        return WireEnum.parse(TicketPriority.class, value);
    }

    /** Stores the wire name. */
    @Converter(autoApply = true)
    public static class Column extends WireEnum.Column<TicketPriority> {
        public Column() {
            super(TicketPriority.class);
        }
    }
}
