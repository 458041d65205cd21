package dev.torre.testing;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers the database and key pair for every {@code @QuarkusTest} of the suite (one start for all). */
@QuarkusTestResource(value = TorreTestResource.class, restrictToAnnotatedClass = false)
public final class TorreTest {

    private TorreTest() {
    }
}
