package dev.torre.webhook;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

import dev.torre.platform.tenancy.TenantContext;
import dev.torre.testing.Seed;
import dev.torre.testing.TestTime;

/**
 * Who waits for whom in delivery: a dead receiver's backlog never stands before another subscription's deliveries,
 * a busy tenant's turn ends when its time is up (and comes back in the same pass), and a request waiting for a
 * connection is not timed out before it was sent.
 */
@QuarkusTest
class DeliveryFairnessTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DeliveryWorker worker;

    @Inject
    DeliveryScanner scanner;

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

    private static String subscribe(String tenant, String url, String... types) {
        return admin(tenant).body(Map.of("url", url, "eventTypes", List.of(types))).when().post("/v1/webhooks")
                .then().statusCode(201).extract().path("id");
    }

    private static JsonNode deliveries(String tenant, String webhook) {
        try {
            return JSON.readTree(admin(tenant).when().get("/v1/webhooks/" + webhook + "/deliveries?limit=200").then()
                    .statusCode(200).extract().asString()).get("data");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many attempts the subscription's deliveries have had, all told, as the database has them now. */
    private int attempts(String tenant, String webhook) {
        return TenantContext.callAs(tenant, () -> {
            try (java.sql.Connection c = dataSource.getConnection();
                    java.sql.PreparedStatement q = c.prepareStatement(
                            "select coalesce(sum(attempts), 0) from webhook_delivery where subscription_id = ?")) {
                q.setObject(1, UUID.fromString(webhook));
                try (java.sql.ResultSet r = q.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aClaimGivesEachSubscriptionItsShareWhateverTheOthersBacklog() {
        String tenant = newTenant();
        String dead = subscribe(tenant, receiver().url(), "contact.created");
        String live = subscribe(tenant, receiver().url(), "contact.created");
        for (int i = 0; i < 5; i++) {
            Seed.contact(tenant, "Ana" + i, "Ruiz");
        }
        // queued unclaimed, the dead subscription's five first in position order
        TenantContext.callAs(tenant, () -> {
            for (String hook : List.of(dead, live)) {
                while (scanner.scan(UUID.fromString(hook)) == config.scanBatch()) {
                    // page after page until the log's end
                }
            }
            return null;
        });
        Instant now = TestTime.now();
        Map<UUID, Integer> rooms = new HashMap<>();
        rooms.put(UUID.fromString(dead), 10);
        rooms.put(UUID.fromString(live), 10);
        List<DeliveryStore.Claim> claims = TenantContext.callAs(tenant,
                () -> store.claim(rooms, 3, now, now.plus(config.lease())));
        Map<UUID, Long> bySubscription = claims.stream()
                .collect(Collectors.groupingBy(DeliveryStore.Claim::subscriptionId, Collectors.counting()));
        assertEquals(Map.of(UUID.fromString(dead), 3L, UUID.fromString(live), 3L), bySubscription,
                "three each, not the first six in position order (five of them the dead one's)");
        rooms.put(UUID.fromString(dead), 0);
        List<DeliveryStore.Claim> more = TenantContext.callAs(tenant, () -> store.claim(rooms, 3, now, now.plus(config.lease())));
        assertEquals(Set.of(UUID.fromString(live)), more.stream().map(DeliveryStore.Claim::subscriptionId).collect(Collectors.toSet()),
                "a subscription without room takes nothing");
        assertEquals(2, more.size());
    }

    @Test
    void aLiveSubscriptionReceivesWhileADeadReceiversBacklogWaits() {
        Receiver deadReceiver = receiver();
        deadReceiver.answer(r -> null); // hangs until the test ends
        Receiver liveReceiver = receiver();
        String tenant = newTenant();
        String dead = subscribe(tenant, deadReceiver.url(), "contact.created");
        String live = subscribe(tenant, liveReceiver.url(), "contact.created");
        int events = 3 * config.inFlightPerSubscription();
        for (int i = 0; i < events; i++) {
            Seed.contact(tenant, "Ana" + i, "Ruiz");
        }
        List<int[]> atLastLive = new ArrayList<>();
        liveReceiver.answer(r -> {
            if (liveReceiver.received().size() == events) {
                atLastLive.add(new int[] { deadReceiver.received().size(), attempts(tenant, dead) });
            }
            return Receiver.Answer.status(204);
        });
        worker.pass(tenant);
        assertEquals(events, liveReceiver.received().size(), "the live subscription received everything in the pass");
        assertEquals(1, atLastLive.size());
        assertTrue(atLastLive.getFirst()[0] <= config.inFlightPerSubscription(),
                "the dead receiver held no more than its share when the live one had everything: " + atLastLive.getFirst()[0]);
        assertEquals(0, atLastLive.getFirst()[1], "and the live one did not wait for the dead one's attempts to time out");
        JsonNode deadOnes = deliveries(tenant, dead);
        assertEquals(events, deadOnes.size(), "the dead one's backlog is queued, waiting");
        long untried = java.util.stream.StreamSupport.stream(deadOnes.spliterator(), false)
                .filter(d -> d.get("attempts").asInt() == 0).count();
        assertTrue(untried >= events - 2L * config.inFlightPerSubscription(), "most of the backlog was not even tried: " + untried);
        java.util.stream.StreamSupport.stream(deliveries(tenant, live).spliterator(), false)
                .forEach(d -> assertEquals("delivered", d.get("status").asText()));
    }

    @Test
    void aBusyTenantsTurnEndsWhenItsTimeIsUpAndComesBackInTheSamePass() {
        TestTime.set(Instant.now().toString()); // the clock stands: a turn of no time is exactly one round
        Receiver busyReceiver = receiver();
        Receiver quietReceiver = receiver();
        String busy = newTenant();
        String quiet = newTenant();
        String busyHook = subscribe(busy, busyReceiver.url(), "contact.created");
        String quietHook = subscribe(quiet, quietReceiver.url(), "contact.created");
        int busyEvents = 2 * config.scanBatch() + 1; // three pages, three rounds
        for (int i = 0; i < busyEvents; i++) {
            Seed.contact(busy, "Ana" + i, "Ruiz");
        }
        Seed.contact(quiet, "Eva", "Gil");

        assertEquals(busyEvents + 1, worker.pass(List.of(busy, quiet), Duration.ZERO),
                "one pass delivers everything: the busy tenant comes back for its other pages without waiting for a tick");
        assertEquals(busyEvents, busyReceiver.received().size());
        assertEquals(1, quietReceiver.received().size());
        // queue positions are one sequence across tenants: the order in which the turns queued their deliveries
        List<Long> busyPositions = positions(busy, busyHook);
        long quietPosition = positions(quiet, quietHook).getFirst();
        assertEquals(config.scanBatch(), busyPositions.stream().filter(p -> p < quietPosition).count(),
                "the quiet tenant's turn came right after the busy tenant's first page, not after all its pages");
    }

    /** The queue positions of a subscription's deliveries, in order. */
    private List<Long> positions(String tenant, String webhook) {
        return TenantContext.callAs(tenant, () -> {
            try (java.sql.Connection c = dataSource.getConnection();
                    java.sql.PreparedStatement q = c.prepareStatement(
                            "select position from webhook_delivery where subscription_id = ? order by position")) {
                q.setObject(1, UUID.fromString(webhook));
                List<Long> positions = new ArrayList<>();
                try (java.sql.ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        positions.add(r.getLong(1));
                    }
                }
                return positions;
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aRequestWaitingForAConnectionIsNotTimedOutBeforeItIsSent() {
        Receiver receiver = receiver();
        int connections = config.parallelism();
        receiver.answer(r -> receiver.received().size() <= connections ? null : Receiver.Answer.status(204));
        String tenant = newTenant();
        String hook = subscribe(tenant, receiver.url(), "contact.created");
        int events = config.inFlightPerSubscription();
        assertTrue(events > connections, "more requests than connections");
        for (int i = 0; i < events; i++) {
            Seed.contact(tenant, "Ana" + i, "Ruiz");
        }
        worker.pass(tenant);
        assertEquals(events, receiver.received().size(), "every request was sent");
        Set<String> hung = receiver.received().subList(0, connections).stream().map(r -> r.header("webhook-id"))
                .collect(Collectors.toSet());
        JsonNode all = deliveries(tenant, hook);
        int timedOut = 0;
        for (JsonNode d : all) {
            if (d.get("status").asText().equals("pending")) {
                timedOut++;
                assertEquals("No answer within 2000 ms", d.get("lastError").asText());
                assertTrue(hung.contains(d.get("messageId").asText()), "a timed-out request is one the receiver held");
            } else {
                assertEquals("delivered", d.get("status").asText(), d.toString());
            }
        }
        assertEquals(connections, timedOut, "only the requests the receiver held timed out; those queued behind them went out after");
        assertEquals(connections, hung.size());
        assertEquals(events, all.size());
    }
}
