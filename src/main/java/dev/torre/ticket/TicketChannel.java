package dev.torre.ticket;

import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.torre.platform.persistence.WireEnum;

/** Where a ticket came in. */
public enum TicketChannel {
    EMAIL, PHONE, CHAT, WHATSAPP, SMS, WEB, API, SOCIAL, OTHER;

    @JsonValue
    public String wire() {
        return WireEnum.wire(this);
    }

    @JsonCreator
    public static TicketChannel fromWire(String value) {
        return WireEnum.parse(TicketChannel.class, value);
    }

    /** Stores the wire name. */
    @Converter(autoApply = true)
    public static class Column extends WireEnum.Column<TicketChannel> {
        public Column() {
            super(TicketChannel.class);
        }
    }
}
