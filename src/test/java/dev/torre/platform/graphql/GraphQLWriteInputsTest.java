package dev.torre.platform.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.eclipse.microprofile.graphql.Input;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * A GraphQL write input ({@code ContactWrite}) offers every field of the REST input of its record
 * ({@code ContactInput}): both transports write through the same service, so a field added to the REST input and
 * forgotten in the GraphQL one would make GraphQL callers unable to set it. Pairs are found by name in each package.
 */
class GraphQLWriteInputsTest {

    /** REST fields a GraphQL write leaves out on purpose, by write input, with the reason. */
    private static final Map<String, Map<String, String>> LEFT_OUT = Map.of();

    @Test
    void everyGraphQLWriteInputOffersEveryFieldOfItsRestInput() {
        List<JavaClass> writes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.torre").stream()
                .filter(c -> c.isAnnotatedWith(Input.class) && c.getSimpleName().endsWith("Write"))
                .toList();
        assertTrue(writes.size() >= 5, "GraphQL write inputs found: " + writes);

        Map<String, Set<String>> missing = new TreeMap<>();
        int compared = 0;
        for (JavaClass write : writes) {
            String restName = write.getName().replaceFirst("Write$", "Input");
            Class<?> rest;
            try {
                rest = Class.forName(restName);
            } catch (ClassNotFoundException e) {
                continue; // a GraphQL-only input: nothing to mirror
            }
            compared++;
            Set<String> offered = names(write.reflect());
            Set<String> gaps = new TreeSet<>(names(rest));
            gaps.removeAll(offered);
            gaps.removeAll(LEFT_OUT.getOrDefault(write.getSimpleName(), Map.of()).keySet());
            if (!gaps.isEmpty()) {
                missing.put(write.getSimpleName(), gaps);
            }
        }
        assertTrue(compared >= 5, "pairs of GraphQL write and REST input compared: " + compared);
        assertEquals(Map.of(), missing, "fields of the REST input missing from the GraphQL write input");
    }

    private static Set<String> names(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).collect(Collectors.toSet());
    }
}
