package dev.torre.task;

import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.torre.platform.persistence.WireEnum;

/** Where a task stands. */
public enum TaskStatus {
    OPEN, DONE, CANCELLED;

    @JsonValue
    public String wire() {
        return WireEnum.wire(this);
    }

    @JsonCreator
    public static TaskStatus fromWire(String value) {
        return WireEnum.parse(TaskStatus.class, value);
    }

    /** Stores the wire name. */
    @Converter(autoApply = true)
    public static class Column extends WireEnum.Column<TaskStatus> {
        public Column() {
            super(TaskStatus.class);
        }
    }
}
