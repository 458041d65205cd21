package dev.torre.interaction;

import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.torre.platform.persistence.WireEnum;

/** The channel or kind of a touchpoint. */
public enum InteractionType {
    EMAIL, CALL, CHAT, WHATSAPP, SMS, MEETING, NOTE, WEB_VISIT, FORM_SUBMISSION;

    @JsonValue
    public String wire() {
        return WireEnum.wire(this);
    }

    @JsonCreator
    public static InteractionType fromWire(String value) {
        return WireEnum.parse(InteractionType.class, value);
    }

    /** The consent channel an outbound message of this type uses, or null when it reaches nobody. */
    public String consentChannel() {
        return switch (this) {
            case EMAIL -> "email";
            case SMS -> "sms";
            case WHATSAPP -> "whatsapp";
            case CALL -> "phone";
            default -> null;
        };
    }

    /** Stores the wire name. */
    @Converter(autoApply = true)
    public static class Column extends WireEnum.Column<InteractionType> {
        public Column() {
            super(InteractionType.class);
        }
    }
}
