package dev.torre.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A batch of claims under way on this instance and the lease it holds them under. The lease is renewed while the batch
 * is under way (its attempts may wait for a connection longer than a lease), so it only runs out when this instance
 * stops renewing it — because it died, or the database could not be reached. A claim the renewal no longer finds held
 * (taken over after a lapse) is lost: it is not sent, and its outcome is not written.
 */
final class Held {

    final String tenant;
    final List<DeliveryStore.Claim> claims;
    private volatile Instant until;
    private final Set<UUID> lost = ConcurrentHashMap.newKeySet();
    /** Whether the outcomes have been written (or given up): a finished batch is not renewed any more. */
    private boolean finished;

    Held(String tenant, List<DeliveryStore.Claim> claims, Instant until) {
        this.tenant = tenant;
        this.claims = claims;
        this.until = until;
    }

    /** When the lease currently held ends. */
    Instant until() {
        return until;
    }

    /** Whether this claim may still be sent: it is held, and its lease covers a whole attempt started now. */
    boolean covers(UUID claim, Instant attemptEnd) {
        return !lost.contains(claim) && !attemptEnd.isAfter(until);
    }

    /** Whether this claim is still held (a renewal has not found it taken over). */
    boolean holds(UUID claim) {
        return !lost.contains(claim);
    }

    /** The claims still held, for a renewal. */
    List<UUID> heldIds() {
        return claims.stream().map(DeliveryStore.Claim::id).filter(id -> !lost.contains(id)).toList();
    }

    /** After a renewal: the lease now ends then, and the claims it did not find held are lost. */
    void renewed(Instant newUntil, Set<UUID> kept) {
        claims.forEach(c -> {
            if (!kept.contains(c.id())) {
                lost.add(c.id());
            }
        });
        until = newUntil;
    }

    /** Marks the batch finished; answers false when it already was. Call under the batch's lock. */
    boolean finish() {
        if (finished) {
            return false;
        }
        finished = true;
        return true;
    }

    boolean finished() {
        return finished;
    }
}
