package dev.torre.platform.tenancy;

import static dev.torre.testing.Api.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
}
