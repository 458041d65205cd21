package dev.torre.platform.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The rules by which a scheduled worker leaves quiet tenants alone, on a clock the test moves: an empty visit pauses
 * the tenant for a time that doubles up to the cap, a visit that did work keeps it due, and a commit made after a
 * visit began brings the tenant back at once. (That committing events counts is proven through the API in
 * {@link TenantActivityCommitTest}.)
 */
class TenantActivityTest {

    private long now = 1_000_000_000L;
    private final TenantActivity activity = activity(Duration.ofSeconds(5));

    private TenantActivity activity(Duration cap) {
        TenantActivity a = new TenantActivity();
        a.idleMax = cap;
        a.clock(() -> now);
        return a;
    }

    private List<String> due(String worker, String... tenants) {
        return activity.round(worker, List.of(tenants)).tenants();
    }

    private void visitAll(String worker, boolean worked, String... tenants) {
        TenantActivity.Round round = activity.round(worker, List.of(tenants));
        round.tenants().forEach(t -> round.visited(t, worked));
    }

    private void advanceMillis(long ms) {
        now += Duration.ofMillis(ms).toNanos();
    }

    @Test
    void aWorkerFirstVisitsEveryTenantInTheOrderGiven() {
        assertEquals(List.of("b", "a", "c"), due("w", "b", "a", "c"));
    }

    @Test
    void anEmptyVisitPausesTheTenantForATimeThatDoublesUpToTheCap() {
        long[] pauses = { 500, 1000, 2000, 4000, 5000, 5000 };
        for (long pause : pauses) {
            visitAll("w", false, "a");
            advanceMillis(pause - 1);
            assertEquals(List.of(), due("w", "a"), "still paused 1 ms before " + pause + " ms");
            advanceMillis(1);
            assertEquals(List.of("a"), due("w", "a"), "due again after " + pause + " ms");
        }
    }

    @Test
    void aVisitThatDidWorkKeepsTheTenantDueAndEndsItsPauses() {
        visitAll("w", false, "a");
        visitAll("w", false, "a"); // a 1 s pause next
        advanceMillis(1000);
        visitAll("w", true, "a");
        assertEquals(List.of("a"), due("w", "a"), "due at the next tick");
        visitAll("w", false, "a");
        advanceMillis(500);
        assertEquals(List.of("a"), due("w", "a"), "the pauses start again from the first");
    }

    @Test
    void aCommitAfterAVisitBeganBringsTheTenantBackAtOnce() {
        TenantActivity.Round round = activity.round("w", List.of("a", "b"));
        activity.committed("a"); // during the visit: the visit may not have read it
        round.visited("a", false);
        round.visited("b", false);
        assertEquals(List.of("a"), due("w", "a", "b"));
    }

    @Test
    void aCommitSeenWhenTheVisitBeganDoesNotBringTheTenantBack() {
        activity.committed("a");
        visitAll("w", false, "a");
        assertEquals(List.of(), due("w", "a"));
        activity.committed("a");
        assertEquals(List.of("a"), due("w", "a"), "a newer commit does");
    }

    @Test
    void eachWorkerKeepsItsOwnPauses() {
        visitAll("scoring", false, "a");
        assertEquals(List.of(), due("scoring", "a"));
        assertEquals(List.of("a"), due("webhooks", "a"), "another worker's empty visit does not pause this one");
    }

    @Test
    void aVisitThatIsNeverEndedLeavesTheTenantDue() {
        activity.round("w", List.of("a")); // the visit failed: the worker does not end it
        assertEquals(List.of("a"), due("w", "a"));
    }

    @Test
    void aWaitForTheNextCommitEndsAtOnceWhenOneCameAfterTheMark() throws InterruptedException {
        long mark = activity.commitMark();
        activity.committed("a");
        assertTrue(activity.awaitCommit(mark, System.nanoTime() + Duration.ofMinutes(1).toNanos()));
    }

    @Test
    void aWaitWithoutACommitEndsAtItsDeadlineAndSaysSo() throws InterruptedException {
        activity.committed("a");
        long mark = activity.commitMark();
        assertFalse(activity.awaitCommit(mark, System.nanoTime() + Duration.ofMillis(20).toNanos()));
    }

    @Test
    void aCommitOnAnotherThreadWakesTheWaiter() throws Exception {
        long mark = activity.commitMark();
        boolean[] woken = new boolean[1];
        Thread waiter = new Thread(() -> {
            try {
                woken[0] = activity.awaitCommit(mark, System.nanoTime() + Duration.ofMinutes(1).toNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        while (waiter.getState() != Thread.State.TIMED_WAITING && waiter.isAlive()) {
            Thread.onSpinWait(); // until it sleeps: the commit must wake it, not be seen before it waits
        }
        activity.committed("b"); // any tenant's commit wakes it
        waiter.join(Duration.ofMinutes(2));
        assertFalse(waiter.isAlive());
        assertTrue(woken[0], "woken by the commit, not by the one-minute deadline");
    }
}
