package dev.torre.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.IntSupplier;

/** Runs a background pass (the scoring worker reading a tenant's log, ...) until it reports nothing left. */
public final class Drain {

    private static final int MAX_PASSES = 50;

    private Drain() {
    }

    /** Passes until one does no work; fails the test when the work never runs out, instead of going on as if it had. */
    public static void untilIdle(IntSupplier pass) {
        for (int i = 0; i < MAX_PASSES; i++) {
            if (pass.getAsInt() == 0) {
                return;
            }
        }
        fail("still working after " + MAX_PASSES + " passes: the log never drained");
    }
}
