package dev.torre.task;

import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.torre.platform.persistence.WireEnum;

/** How much a task matters. */
public enum TaskPriority {
    LOW, NORMAL, HIGH, URGENT;

    @JsonValue
    public String wire() {
        return WireEnum.wire(this);
    }

    @JsonCreator
    public static TaskPriority fromWire(String value) {
        return WireEnum.parse(TaskPriority.class, value);
    }

    /** Stores the wire name. */
    @Converter(autoApply = true)
    public static class Column extends WireEnum.Column<TaskPriority> {
        public Column() {
            super(TaskPriority.class);
        }
    }
}
