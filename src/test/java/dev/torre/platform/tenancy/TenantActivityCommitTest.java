package dev.torre.platform.tenancy;

import static dev.torre.testing.Api.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Writes through the API wake the workers of their tenant only: once a worker's visit found a tenant quiet, a
 * contact created in it (its event committed) makes it due again at once, and a write in another tenant does not.
 */
@QuarkusTest
class TenantActivityCommitTest {

    @Inject
    TenantActivity activity;

    private final String quiet = newTenant();
    private final String busy = newTenant();

    @BeforeEach
    void holdTheClock() {
        long still = System.nanoTime();
        activity.clock(() -> still); // no pause may run out while the test writes
    }

    @AfterEach
    void releaseTheClock() {
        activity.clock(System::nanoTime);
    }

    private List<String> due() {
        return activity.round("probe", List.of(quiet, busy)).tenants();
    }

    @Test
    void aCommittedWriteMakesItsTenantDueAgainAndNoOther() {
        TenantActivity.Round round = activity.round("probe", List.of(quiet, busy));
        round.tenants().forEach(t -> round.visited(t, false));
        assertEquals(List.of(), due(), "both paused after an empty visit");

        Seed.contact(busy, "Ada", "Lovelace");
        assertEquals(List.of(busy), due(), "the tenant written to is due again; the other stays paused");
    }
}
