package dev.torre.testing;

import org.quicktheories.QuickTheory;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * QuickTheories as the suite uses it: a fixed seed, so that a failure reproduces run after run, and a bounded number
 * of examples, so that the suite stays fast. Explore other examples with {@code -Dqt.seed=<n>}; a failure found that
 * way is kept as a named regression test.
 */
public final class Theories {

    /** The seed every property runs with unless {@code -Dqt.seed} names another. */
    public static final long SEED = 20261206L;

    private Theories() {
    }

    public static QuickTheory qt(int examples) {
        return QuickTheory.qt().withFixedSeed(Long.getLong("qt.seed", SEED)).withExamples(examples);
    }

    /** A number in {@code [0, bound)} drawn from the generator's randomness, so that QuickTheories can shrink it. */
    public static int below(RandomnessSource in, int bound) {
        return (int) in.next(Constraint.between(0, bound - 1));
    }

    /** One of the values, drawn as above. */
    @SafeVarargs
    public static <T> T oneOf(RandomnessSource in, T... values) {
        return values[below(in, values.length)];
    }
}
