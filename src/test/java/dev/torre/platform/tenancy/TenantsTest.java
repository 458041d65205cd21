package dev.torre.platform.tenancy;

import static dev.torre.testing.Api.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;

/** The tenant registry that background jobs list tenants from, and the per-tenant runner they share. */
@QuarkusTest
class TenantsTest {

    @Inject
    Tenants tenants;

    @Test
    void aTenantIsListedFromItsFirstWriteAndEachRunsAsItselfAFailureStoppingNoOther() {
        String quiet = newTenant();
        String failing = newTenant();
        String working = newTenant();
        Seed.contact(failing, "Ana", "A");
        Seed.contact(working, "Bea", "B");
        List<String> active = tenants.active();
        assertTrue(active.containsAll(List.of(failing, working)), "registered by their first event");
        assertFalse(active.contains(quiet), "a tenant that never wrote is not listed");

        List<String> ranAs = new ArrayList<>();
        int total = tenants.forEach("test job", tenant -> {
            if (!tenant.equals(failing) && !tenant.equals(working)) {
                return 0;
            }
            ranAs.add(TenantContext.current());
            if (tenant.equals(failing)) {
                throw new IllegalStateException("this tenant's work fails");
            }
            return 1;
        });
        assertEquals(1, total);
        assertEquals(Set.of(failing, working), Set.copyOf(ranAs));
    }

    @Test
    void aWorkerThatFollowsCommitsGoesAgainWhenOneComesAndEndsByItselfWhenNoneDoes() throws Exception {
        String tenant = newTenant();
        Seed.contact(tenant, "Cy", "C");
        AtomicInteger visits = new AtomicInteger();
        List<Thread> writers = new ArrayList<>();
        // a tick of 2 s: it waits for commits until shortly before the next, then ends on its own
        int total = tenants.forEachDueFor("commit follower", Duration.ofSeconds(2), t -> {
            if (t.equals(tenant) && visits.incrementAndGet() == 1) {
                // while the first round is under way, another request commits an event for the tenant
                Thread writer = new Thread(() -> Seed.contact(tenant, "Di", "D"));
                writer.start();
                writers.add(writer);
            }
            return 0;
        });
        for (Thread writer : writers) {
            writer.join();
        }
        assertEquals(0, total, "no visit did any work");
        assertTrue(visits.get() >= 2, "the commit brought the worker back to the tenant without a new tick: " + visits.get());
    }

    @Test
    void aTickTooShortToWaitInIsOneRound() {
        String tenant = newTenant();
        Seed.contact(tenant, "Ed", "E");
        AtomicInteger visits = new AtomicInteger();
        tenants.forEachDueFor("short ticks", Duration.ofMillis(150), t -> {
            if (t.equals(tenant)) {
                visits.incrementAndGet();
                Seed.contact(tenant, "Fay", "F"); // a commit during the round: still no second one
            }
            return 0;
        });
        assertEquals(1, visits.get());
    }
}
