package dev.torre.ticket;

import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.torre.platform.persistence.WireEnum;

/** Where a ticket stands; pending and on_hold pause the resolution clock. */
public enum TicketStatus {
    NEW, OPEN, PENDING, ON_HOLD, RESOLVED, CLOSED;

    @JsonValue
    public String wire() {
        return WireEnum.wire(this);
    }

    @JsonCreator
    public static TicketStatus fromWire(String value) {
        return WireEnum.parse(TicketStatus.class, value);
    }

    /** Resolved or closed: the customer is not waiting. */
    public boolean done() {
        return this == RESOLVED || this == CLOSED;
    }

    /** Whether the resolution clock runs in this status. */
    public boolean clockRuns() {
        return this == NEW || this == OPEN;
    }

    /** Stores the wire name. */
    @Converter(autoApply = true)
    public static class Column extends WireEnum.Column<TicketStatus> {
        public Column() {
            super(TicketStatus.class);
        }
    }
}
