package dev.torre.webhook;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.torre.platform.tenancy.TenantContext;
import dev.torre.testing.Seed;
import dev.torre.testing.TestTime;

/**
 * The lease of a batch under way is renewed while its attempts wait for a connection, so that what waits is sent
 * rather than left to lapse; a claim that did lapse and was taken over by another instance is sent by that one only.
 * Each test holds the receiver's first requests (two connections in the test profile), so the rest of the batch
 * waits at the send gate while the test moves the clock past the lease.
 */
@QuarkusTest
class DeliveryLeaseTest {

    @Inject
    DeliveryWorker worker;

    @Inject
    DeliveryStore store;

    @Inject
    WebhookConfig config;

    @Inject
    javax.sql.DataSource dataSource;

    private final List<Receiver> receivers = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        TestTime.reset();
        receivers.forEach(Receiver::close);
    }

    private Receiver receiver() {
        Receiver r = Receiver.start();
        receivers.add(r);
        return r;
    }

    private static String subscribe(String tenant, String url) {
        return admin(tenant).body(Map.of("url", url, "eventTypes", List.of("contact.created"))).when().post("/v1/webhooks")
                .then().statusCode(201).extract().path("id");
    }

    /** Per message id, what the database holds now: status, attempts, lease end (null when none). */
    private Map<String, Object[]> rows(String tenant, String webhook) {
        return TenantContext.callAs(tenant, () -> {
            try (java.sql.Connection c = dataSource.getConnection();
                    java.sql.PreparedStatement q = c.prepareStatement(
                            "select message_id, status, attempts, lease_until from webhook_delivery where subscription_id = ?")) {
                q.setObject(1, UUID.fromString(webhook));
                Map<String, Object[]> rows = new HashMap<>();
                try (java.sql.ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        java.sql.Timestamp lease = r.getTimestamp(4);
                        rows.put(r.getString(1), new Object[] { r.getString(2), r.getInt(3), lease == null ? null : lease.toInstant() });
                    }
                }
                return rows;
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void attemptsWaitingForAConnectionPastTheLeaseAreSentUnderTheRenewedLease() {
        TestTime.set(Instant.now().toString());
        Receiver receiver = receiver();
        int connections = config.parallelism();
        AtomicInteger arrived = new AtomicInteger();
        receiver.answer(r -> {
            int n = arrived.incrementAndGet();
            if (n == 1) {
                // the batch's other attempts wait for a connection while more than a lease goes by: the renewal
                // (every few seconds in production) keeps their claims, each time less than half the lease is left,
                // so they never lapse (and no claim of this or another instance could take them)
                for (int half = 0; half < 2; half++) {
                    TestTime.advance(config.lease().dividedBy(2).plusSeconds(1));
                    assertTrue(worker.renewLeases() > 0, "the lease of the batch under way is renewed");
                }
            }
            return n <= connections ? null : Receiver.Answer.status(204);
        });
        String tenant = newTenant();
        String hook = subscribe(tenant, receiver.url());
        int events = config.inFlightPerSubscription();
        assertTrue(events > connections, "more attempts than connections, so that some wait");
        for (int i = 0; i < events; i++) {
            Seed.contact(tenant, "Ana" + i, "Ruiz");
        }
        worker.pass(tenant);
        assertEquals(events, receiver.received().size(), "what waited at the gate past the first lease was still sent");
        Set<String> hung = receiver.received().subList(0, connections).stream().map(r -> r.header("webhook-id"))
                .collect(Collectors.toSet());
        Map<String, Object[]> rows = rows(tenant, hook);
        assertEquals(events, rows.size());
        rows.forEach((message, row) -> {
            assertEquals(1, row[1], "one attempt each, recorded under the renewed lease: " + message);
            assertEquals(null, row[2], "no claim left behind: " + message);
            assertEquals(hung.contains(message) ? "pending" : "delivered", row[0], message);
        });
    }

    @Test
    void aClaimTakenOverAfterItsLeaseLapsedIsNotSentByTheInstanceThatLostIt() {
        Instant start = Instant.now();
        TestTime.set(start.toString());
        Receiver receiver = receiver();
        int connections = config.parallelism();
        AtomicInteger arrived = new AtomicInteger();
        List<DeliveryStore.Claim> takenOver = new ArrayList<>();
        String tenant = newTenant();
        receiver.answer(r -> {
            if (arrived.incrementAndGet() == 1) {
                // this instance stopped renewing (say the database was out of its reach) and its lease lapsed:
                // another instance, whose clock is past the lease, claims the batch; then this one's clock gets there
                // too (not before: its own next claim would take the lapsed claims back) and its renewal finds them lost
                Instant later = TestTime.now().plus(config.lease()).plusSeconds(1);
                takenOver.addAll(TenantContext.callAs(tenant,
                        () -> store.claim(config.batch(), later, later.plus(config.lease()).truncatedTo(ChronoUnit.MICROS))));
                TestTime.advance(config.lease().plusSeconds(1));
                assertEquals(0, worker.renewLeases(), "nothing of the batch is held any more");
            }
            return null;
        });
        String hook = subscribe(tenant, receiver.url());
        // one page, so one batch: every claim is under way before the first request arrives
        int events = Math.min(config.scanBatch(), config.inFlightPerSubscription());
        assertTrue(events > connections, "more attempts than connections, so that some wait");
        for (int i = 0; i < events; i++) {
            Seed.contact(tenant, "Ana" + i, "Ruiz");
        }
        worker.pass(tenant);
        assertEquals(events, takenOver.size(), "the other instance took the whole batch");
        assertEquals(connections, receiver.received().size(),
                "only the attempts already sent went out; those still waiting were not sent by the instance that lost them");
        Instant othersLease = start.plus(config.lease().plusSeconds(1)).plus(config.lease()).truncatedTo(ChronoUnit.MICROS);
        rows(tenant, hook).forEach((message, row) -> {
            assertEquals("pending", row[0], message);
            assertEquals(0, row[1], "no outcome written by the instance that lost the claim: " + message);
            assertEquals(othersLease, row[2], "still held by the instance that took it over: " + message);
        });
    }
}
