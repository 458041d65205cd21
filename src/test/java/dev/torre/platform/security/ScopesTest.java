package dev.torre.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The scope families API clients may be given are those the services check: none missing, none invented. */
class ScopesTest {

    private static final Pattern REQUIRED = Pattern.compile("@RequiresScope\\(\"([a-z-]+):[a-z]+\"\\)");
    /** A record kind's scope family, in its Kind: {@code "products", "/v1/products"}. */
    private static final Pattern FAMILY = Pattern.compile("\"([a-z-]+)\", \"/v1/");

    @Test
    void everyFamilyAServiceChecksIsKnown() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String code = Files.readString(file);
                for (Pattern p : new Pattern[] { REQUIRED, FAMILY }) {
                    Matcher m = p.matcher(code);
                    while (m.find()) {
                        used.add(m.group(1));
                    }
                }
            }
        }
        used.remove("me"); // the portal's own, never a client's
        used.remove("instance"); // a Kind's label, not a scope family
        assertTrue(used.size() > 15, "found " + used);
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(Scopes.FAMILIES);
        assertEquals(Set.of(), missing, "families services check that API clients cannot be given");
    }

    @Test
    void scopesAreFamilyAndAction() {
        assertTrue(Scopes.known("contacts:read"));
        assertTrue(Scopes.known("api-clients:admin"));
        assertFalse(Scopes.known("contacts:fly"));
        assertFalse(Scopes.known("me:read"));
        assertFalse(Scopes.known("contacts"));
        assertFalse(Scopes.known("Contacts:read"));
    }
}
