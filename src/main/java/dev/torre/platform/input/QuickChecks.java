package dev.torre.platform.input;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import jakarta.validation.Constraint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Says cheaply that an input record certainly meets its Bean Validation constraints, so that a batch of a thousand
 * valid items does not pay the validator's reflective walk a thousand times (a sixth of a batch upsert's CPU). It
 * knows the common constraints of Torre's inputs ({@code @NotNull}, {@code @NotBlank}, {@code @Size},
 * {@code @Email}, {@code @Pattern}, integral {@code @Min}/{@code @Max}, {@code @Valid} on a nested record); a type
 * with any other constraint, a constraint in a group, or a value it cannot judge is left to the validator, so that
 * an invalid input always gets the validator's own errors. It only ever answers "certainly valid" or "ask the
 * validator"; its {@code @Email} accepts a plain ASCII subset of what the validator accepts.
 */
final class QuickChecks {

    private final Map<Class<?>, Optional<Predicate<Object>>> byType = new ConcurrentHashMap<>();

    /** True when {@code input} certainly passes validation; false when the validator must decide. */
    boolean certainlyValid(Object input) {
        return byType.computeIfAbsent(input.getClass(), QuickChecks::judged).map(check -> check.test(input)).orElse(false);
    }

    private static Optional<Predicate<Object>> judged(Class<?> type) {
        try {
            return Optional.ofNullable(of(type, 0));
        } catch (RuntimeException e) { // a type whose shape cannot be read here (reflection not registered): the validator judges
            return Optional.empty();
        }
    }

    /** The check of a record type, or null when the type uses something this class does not judge. */
    private static Predicate<Object> of(Class<?> type, int depth) {
        if (!type.isRecord() || depth > 3 || hasConstraint(type.getAnnotations())) {
            return null;
        }
        for (Method method : type.getDeclaredMethods()) { // constraints on other getters (an @AssertTrue isX())
            if (!isAccessor(type, method) && hasConstraint(method.getAnnotations())) {
                return null;
            }
        }
        List<Predicate<Object>> components = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            List<Annotation> annotations = new ArrayList<>(List.of(component.getAccessor().getAnnotations()));
            AnnotatedType annotated = component.getAnnotatedType();
            annotations.addAll(List.of(annotated.getAnnotations()));
            Predicate<Object> value = checkOf(annotations, component.getType(), depth);
            Predicate<Object> elements = annotated instanceof AnnotatedParameterizedType p ? elementsOf(p, depth) : v -> true;
            if (value == null || elements == null) {
                return null;
            }
            Method accessor = component.getAccessor();
            components.add(input -> {
                try {
                    Object v = accessor.invoke(input);
                    return value.test(v) && elements.test(v);
                } catch (ReflectiveOperationException e) {
                    return false;
                }
            });
        }
        return input -> {
            for (Predicate<Object> c : components) {
                if (!c.test(input)) {
                    return false;
                }
            }
            return true;
        };
    }

    /** The check of a list's elements ({@code List<@NotBlank String>}); constraints deeper or on a map's entries are not judged. */
    private static Predicate<Object> elementsOf(AnnotatedParameterizedType type, int depth) {
        AnnotatedType[] arguments = type.getAnnotatedActualTypeArguments();
        for (AnnotatedType argument : arguments) {
            if (argument instanceof AnnotatedParameterizedType nested && hasConstraintDeep(nested)) {
                return null;
            }
        }
        if (arguments.length != 1 || !hasConstraint(arguments[0].getAnnotations())) {
            return arguments.length == 1 || !anyConstraint(arguments) ? v -> true : null;
        }
        Class<?> elementType = arguments[0].getType() instanceof Class<?> c ? c : Object.class;
        Predicate<Object> element = checkOf(List.of(arguments[0].getAnnotations()), elementType, depth);
        if (element == null) {
            return null;
        }
        return v -> {
            if (!(v instanceof Collection<?> items)) {
                return v == null;
            }
            for (Object item : items) {
                if (!element.test(item)) {
                    return false;
                }
            }
            return true;
        };
    }

    /** All of a value's constraints as one check, or null when one of them is not judged here. */
    private static Predicate<Object> checkOf(List<Annotation> annotations, Class<?> type, int depth) {
        Predicate<Object> all = v -> true;
        for (Annotation a : annotations) {
            Predicate<Object> one = checkOf(a, type, depth);
            if (one == null) {
                return null;
            }
            all = all.and(one);
        }
        return all;
    }

    private static Predicate<Object> checkOf(Annotation a, Class<?> type, int depth) {
        if (a instanceof Valid) {
            if (Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)) {
                return null;
            }
            Predicate<Object> nested = of(type, depth + 1);
            return nested == null ? null : v -> v == null || nested.test(v);
        }
        if (!isConstraint(a)) {
            return v -> true; // documentation (@Schema) and the like
        }
        if (hasGroups(a)) {
            return null;
        }
        return switch (a) {
            case NotNull n -> v -> v != null;
            case NotBlank n -> v -> v instanceof CharSequence s && !s.toString().trim().isEmpty() && !s.toString().isBlank();
            case Size s -> v -> v == null || within(sizeOf(v), s.min(), s.max());
            case Min m -> v -> v == null || (integral(v) && ((Number) v).longValue() >= m.value());
            case Max m -> v -> v == null || (integral(v) && ((Number) v).longValue() <= m.value());
            case jakarta.validation.constraints.Pattern p -> pattern(p);
            case Email e -> e.regexp().equals(".*") && e.flags().length == 0 ? v -> v == null || (v instanceof String s && plainEmail(s)) : null;
            default -> null;
        };
    }

    private static Predicate<Object> pattern(jakarta.validation.constraints.Pattern p) {
        int flags = 0;
        for (jakarta.validation.constraints.Pattern.Flag f : p.flags()) {
            flags |= f.getValue();
        }
        Pattern compiled = Pattern.compile(p.regexp(), flags);
        return v -> v == null || (v instanceof CharSequence s && compiled.matcher(s).matches());
    }

    /**
     * An address the validator's {@code @Email} certainly accepts: dot-separated atoms of the plain ASCII characters
     * it allows before the {@code @} (at most 64), and dot-separated letters, digits and inner hyphens after it.
     */
    static boolean plainEmail(String s) {
        int at = s.indexOf('@');
        if (at < 1 || at > 64 || at != s.lastIndexOf('@') || s.length() - at - 1 > 253) {
            return false;
        }
        char previous = '.';
        for (int i = 0; i < at; i++) {
            char c = s.charAt(i);
            if (c == '.' ? previous == '.' : !(letterOrDigit(c) || "!#$%&'*+/=?^_`{|}~-".indexOf(c) >= 0)) {
                return false;
            }
            previous = c;
        }
        if (previous == '.') {
            return false;
        }
        int label = 0;
        previous = '.';
        for (int i = at + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                if (label == 0 || previous == '-') {
                    return false;
                }
                label = 0;
            } else if (letterOrDigit(c) || (c == '-' && label > 0)) {
                if (++label > 63) {
                    return false;
                }
            } else {
                return false;
            }
            previous = c;
        }
        return label > 0 && previous != '-';
    }

    private static boolean letterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static boolean integral(Object v) {
        return v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte;
    }

    private static int sizeOf(Object v) {
        return switch (v) {
            case CharSequence s -> s.length();
            case Collection<?> c -> c.size();
            case Map<?, ?> m -> m.size();
            default -> -1; // not judged: the validator decides
        };
    }

    private static boolean within(int size, int min, int max) {
        return size >= 0 && size >= min && size <= max;
    }

    private static boolean isConstraint(Annotation a) {
        Class<? extends Annotation> t = a.annotationType();
        return t.isAnnotationPresent(Constraint.class) || t.getName().startsWith("jakarta.validation.")
                || t.getName().startsWith("org.hibernate.validator.");
    }

    private static boolean hasConstraint(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (isConstraint(a) || a instanceof Valid) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyConstraint(AnnotatedType[] types) {
        for (AnnotatedType t : types) {
            if (hasConstraint(t.getAnnotations())) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasConstraintDeep(AnnotatedParameterizedType type) {
        for (AnnotatedType t : type.getAnnotatedActualTypeArguments()) {
            if (hasConstraint(t.getAnnotations()) || (t instanceof AnnotatedParameterizedType p && hasConstraintDeep(p))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasGroups(Annotation a) {
        try {
            Object groups = a.annotationType().getMethod("groups").invoke(a);
            return groups instanceof Class<?>[] g && g.length > 0;
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    private static boolean isAccessor(Class<?> type, Method method) {
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getAccessor().equals(method)) {
                return true;
            }
        }
        return false;
    }
}
