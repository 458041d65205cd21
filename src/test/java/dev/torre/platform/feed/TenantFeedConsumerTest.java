package dev.torre.platform.feed;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.torre.platform.tenancy.TenantContext;
import dev.torre.testing.Seed;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The one consumer loop every event-log worker uses: pages in order and moves on, leaves a tenant another instance
 * holds, and reads a page again when the worker's action fails (the cursor moves only with the action's commit).
 */
@QuarkusTest
class TenantFeedConsumerTest {

    /** The duplicate worker's cursor table (the worker itself is off in tests); contact events only. */
    private static final TenantFeedConsumer.Cursor CURSOR = new TenantFeedConsumer.Cursor("duplicate_cursor", List.of("contact.*"));

    @Inject
    TenantFeedConsumer consumer;

    @Inject
    DataSource dataSource;

    @Test
    void pagesThroughTheTenantsEventsOnceAndInOrder() {
        String tenant = newTenant();
        List<String> created = List.of(Seed.contactWithEmail(tenant, "a@acme.es"),
                Seed.contactWithEmail(tenant, "b@acme.es"), Seed.contactWithEmail(tenant, "c@acme.es"));
        List<String> seen = new ArrayList<>();
        int read = consumer.drain(2, 100, () -> consumer.catchUp(CURSOR, tenant, 2, events -> events.forEach(e -> seen.add(e.entityId()))));
        assertEquals(3, read);
        assertEquals(created, seen);
        assertEquals(0, consumer.catchUp(CURSOR, tenant, 2, events -> seen.add("again")), "the cursor moved past what was read");
    }

    @Test
    void aDrainStopsAtItsBudgetOrDeadlineAndSaysWhetherEventsMayBeLeft() {
        String tenant = newTenant();
        for (int i = 0; i < 5; i++) {
            Seed.contactWithEmail(tenant, "d" + i + "@acme.es");
        }
        List<Integer> asked = new ArrayList<>();
        TenantFeedConsumer.Drained budget = consumer.drain(2, 3, Long.MAX_VALUE,
                limit -> { asked.add(limit); return consumer.catchUp(CURSOR, tenant, limit, events -> { }); });
        assertEquals(List.of(2, 1), asked, "the last page is cut to what is left of the budget");
        assertEquals(new TenantFeedConsumer.Drained(3, true), budget, "stopped by its budget: events may be left");

        TenantFeedConsumer.Drained late = consumer.drain(1, 100, System.nanoTime(),
                limit -> consumer.catchUp(CURSOR, tenant, limit, events -> { }));
        assertEquals(new TenantFeedConsumer.Drained(1, true), late, "past its deadline it reads one page and stops");

        TenantFeedConsumer.Drained rest = consumer.drain(10, 100, Long.MAX_VALUE,
                limit -> consumer.catchUp(CURSOR, tenant, limit, events -> { }));
        assertEquals(new TenantFeedConsumer.Drained(1, false), rest, "a short page: nothing left");
    }

    @Test
    void aReadAheadTakesTheSingleWritesPastTheCursorAndLeavesTheCursorWhereItWas() {
        String tenant = newTenant();
        Seed.contactWithEmail(tenant, "first@acme.es");
        List<java.util.Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            items.add(java.util.Map.of("externalId", "bulk-" + i, "firstName", "Bulk", "lastName", "Row " + i));
        }
        admin(tenant).contentType("application/json").body(java.util.Map.of("matchOn", "externalId", "items", items))
                .post("/v1/contacts/batch/upsert").then().statusCode(200);
        List<String> singles = List.of(Seed.contactWithEmail(tenant, "b@acme.es"), Seed.contactWithEmail(tenant, "c@acme.es"));
        assertEquals(1, consumer.catchUp(CURSOR, tenant, 1, events -> { }), "the cursor past the first write");

        List<String> newest = new ArrayList<>();
        consumer.readAhead(CURSOR, tenant, null, 1000, 20, 1, events -> events.forEach(e -> newest.add(e.entityId())));
        assertEquals(List.of(singles.getLast()), newest, "allowed one, the newest");

        List<String> ahead = new ArrayList<>();
        String next = consumer.readAhead(CURSOR, tenant, null, 1000, 20, 20, events -> events.forEach(e -> ahead.add(e.entityId())))
                .orElseThrow();
        assertEquals(singles, ahead, "the two single writes, not the 25 events of the batch's one transaction");
        List<String> again = new ArrayList<>();
        assertEquals(next, consumer.readAhead(CURSOR, tenant, next, 1000, 20, 20, events -> again.add("read")).orElseThrow());
        assertEquals(List.of(), again, "from where it got to, nothing is left to read ahead");

        assertEquals(27, consumer.catchUp(CURSOR, tenant, 100, events -> { }), "the cursor still reads every event after it");
    }

    @Test
    void aTenantHeldByAnotherInstanceIsLeftAlone() throws Exception {
        String tenant = newTenant();
        Seed.contactWithEmail(tenant, "held@acme.es");
        assertEquals(1, consumer.catchUp(CURSOR, tenant, 10, events -> { }), "the first pass creates the tenant's cursor");
        Seed.contactWithEmail(tenant, "later@acme.es");
        try (Connection other = TenantContext.callAs(tenant, this::connection)) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("select position from duplicate_cursor where tenant_id = ? for update")) {
                lock.setString(1, tenant);
                lock.executeQuery().close();
            }
            assertEquals(0, consumer.catchUp(CURSOR, tenant, 10, events -> { }));
            other.rollback();
        }
        assertEquals(1, consumer.catchUp(CURSOR, tenant, 10, events -> { }));
    }

    @Test
    void aFailedActionLeavesTheCursorWhereItWas() {
        String tenant = newTenant();
        Seed.contactWithEmail(tenant, "retry@acme.es");
        // the worker's failure reaches its caller (the tick logs it and tries again next time)
        assertThrows(IllegalStateException.class, () -> consumer.catchUp(CURSOR, tenant, 10, events -> {
            throw new IllegalStateException("the worker failed");
        }));
        assertEquals(1, consumer.catchUp(CURSOR, tenant, 10, events -> { }), "the page is read again");
    }

    private Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
