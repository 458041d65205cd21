package dev.torre.platform.tenancy;

import java.util.function.IntConsumer;

import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** Runs code once the current transaction has ended, given how it ended (a {@link jakarta.transaction.Status} code). */
public final class AfterCompletion {

    private AfterCompletion() {
    }

    public static void register(TransactionSynchronizationRegistry transactions, IntConsumer then) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                then.accept(status);
            }
        });
    }
}
