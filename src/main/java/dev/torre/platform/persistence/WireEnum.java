package dev.torre.platform.persistence;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.persistence.AttributeConverter;

/**
 * The one way enums travel: as their lower-case names in JSON, filters and columns
 * ({@code on_hold}, {@code web_visit}), while Java and GraphQL keep the constant names.
 */
public final class WireEnum {

    private WireEnum() {
    }

    public static String wire(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** The constant with this wire name; an IllegalArgumentException listing the choices otherwise (a 400 for Jackson). */
    public static <E extends Enum<E>> E parse(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (wire(constant).equals(value)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("must be one of: " + String.join(", ", wireValues(type)));
    }

    public static String[] wireValues(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireEnum::wire).toArray(String[]::new);
    }

    public static String joined(Class<? extends Enum<?>> type) {
        return Arrays.stream(wireValues(type)).collect(Collectors.joining(", "));
    }

    /** Stores an enum as its wire name; a capability subclasses it once per enum with {@code @Converter(autoApply = true)}. */
    public abstract static class Column<E extends Enum<E>> implements AttributeConverter<E, String> {
        private final Class<E> type;

        protected Column(Class<E> type) {
            this.type = type;
        }

        @Override
        public String convertToDatabaseColumn(E value) {
            return value == null ? null : wire(value);
        }

        @Override
        public E convertToEntityAttribute(String value) {
            return value == null ? null : parse(type, value);
        }
    }
}
