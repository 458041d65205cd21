package dev.torre.platform.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.torre.platform.feed.TenantFeedConsumer;
import dev.torre.platform.tenancy.Tenants;
import dev.torre.platform.time.ServerClock;
import dev.torre.testing.Api;
import dev.torre.testing.LogCapture;
import dev.torre.testing.Seed;
import dev.torre.testing.TorreTestResource;
import dev.torre.usage.UsageRecorder;
import io.quarkus.arc.Arc;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A database outage is one WARN per worker and one INFO when it works again, not an ERROR with a stack trace on
 * every tick: PostgreSQL is stopped under the running server and every scheduled method of the application is run
 * (twice, as the scheduler would) while it is down, capturing what is logged; a failure that is not an outage still
 * reaches the scheduler; and work over many tenants ends at the first unreachable database instead of logging one
 * failure per tenant. Runs on the outage profile of {@link DatabaseRestartTest} (its own server and cluster).
 */
@QuarkusTest
@TestProfile(DatabaseRestartTest.Outage.class)
class WorkerOutageTest {

    /** A worker of the test's own, on the same tick mechanism: lists the tenants, or fails with a bug. */
    @ApplicationScoped
    public static class Probe {
        @Inject
        Tenants tenants;

        // static: the test reaches the bean through its client proxy, whose own fields are not the bean's
        static volatile boolean buggy;

        @WorkerTick
        void tick() {
            if (buggy) {
                throw new IllegalStateException("a bug, not an outage");
            }
            tenants.active();
        }
    }

    @Inject
    Probe probe;

    @Inject
    Tenants tenants;

    @Inject
    TenantFeedConsumer consumer;

    @Inject
    UsageRecorder usage;

    @Inject
    ServerClock clock;

    private final LogCapture log = new LogCapture();

    @BeforeEach
    void capture() {
        log.start();
    }

    @AfterEach
    void release() {
        log.stop();
    }

    @Test
    void anOutageIsOneWarningPerWorkerAndOneInfoWhenItWorksAgain() throws Exception {
        assumeTrue(TorreTestResource.ownsDatabase(), "the suite's database is not its own to stop");
        Seed.contact(Api.newTenant(), "{\"firstName\":\"Before\"}"); // a tenant for the workers to visit
        Map<String, Runnable> ticks = scheduledTicks();
        ticks.put("Probe.tick", probe::tick);
        try {
            TorreTestResource.stopDatabase(false);
            for (int round = 0; round < 2; round++) {
                // none throws: the scheduler would log any failure that reached it as an ERROR with its stack trace
                ticks.values().forEach(Runnable::run);
            }
            Map<String, Long> warnings = count(Level.WARNING, "cannot reach the database");
            for (String tick : ticks.keySet()) {
                long warned = warnings.getOrDefault(tick, 0L);
                // the relay is off, and usage is written only when there is some: neither needs the database then
                if (tick.startsWith("KafkaRelay.") || tick.startsWith("UsageRecorder.")) {
                    assertTrue(warned <= 1, tick + " warned at most once: " + warnings);
                } else {
                    assertEquals(1L, warned, tick + " warned once: " + warnings);
                }
            }
            assertEquals(List.of(), log.errors(), "nothing was logged as an error during the outage");
        } finally {
            TorreTestResource.startDatabase();
        }

        // the pool may still hand out a connection from before the stop: a few ticks fail until it has healed
        Map<String, Runnable> again = Map.of("Probe.tick", probe::tick,
                "ExportWorker.tick", ticks.get("ExportWorker.tick"), "DuplicateWorker.tick", ticks.get("DuplicateWorker.tick"));
        for (int attempt = 0; attempt < 50 && count(Level.INFO, "works again").size() < again.size(); attempt++) {
            again.values().forEach(Runnable::run);
        }
        Map<String, Long> recovered = count(Level.INFO, "works again");
        for (String tick : again.keySet()) {
            assertEquals(1L, recovered.getOrDefault(tick, 0L), tick + " said once that it works again: " + recovered);
        }
        again.values().forEach(Runnable::run);
        assertEquals(recovered, count(Level.INFO, "works again"), "a tick that worked before says nothing more");
        assertEquals(List.of(), log.errors(), "nothing was logged as an error after the outage either");
    }

    @Test
    void usageCountedDuringAnOutageIsWrittenOnceTheDatabaseIsBack() {
        assumeTrue(TorreTestResource.ownsDatabase(), "the suite's database is not its own to stop");
        String tenant = Api.newTenant();
        LocalDate today = LocalDate.ofInstant(clock.now(), ZoneOffset.UTC);
        usage.flush(); // whatever earlier tests left counted or reported, so that what follows is this test's own
        log.clear();
        try {
            TorreTestResource.stopDatabase(false);
            for (int i = 0; i < 3; i++) {
                Api.admin(tenant).when().get("/v1/contacts").then().statusCode(503); // counted all the same
            }
            usage.flush(); // meets the outage with the counts in hand
            usage.flush(); // and again: the counts are still there to write, so it cannot have worked
            assertEquals(Map.of("UsageRecorder.flush", 1L), only("UsageRecorder.", count(Level.WARNING, "cannot reach the database")),
                    "the flush warned once");
            assertEquals(Map.of(), only("UsageRecorder.", count(Level.INFO, "works again")), "nor said it works while the database is down");
        } finally {
            TorreTestResource.startDatabase();
        }
        // the pool may still hand out a connection from before the stop: a few flushes fail until it has healed
        for (int attempt = 0; attempt < 50 && only("UsageRecorder.", count(Level.INFO, "works again")).isEmpty(); attempt++) {
            usage.flush();
        }
        assertEquals(Map.of("UsageRecorder.flush", 1L), only("UsageRecorder.", count(Level.INFO, "works again")),
                "it said once that it works again, after writing");
        Map<String, Object> contacts = Api.admin(tenant).queryParam("from", today.toString()).queryParam("to", today.toString())
                .when().get("/v1/usage").then().statusCode(200).extract().jsonPath().getMap("data.find { it.family == 'contacts' }");
        assertNotNull(contacts, "the requests of the outage were counted, not lost with the flush that met it");
        assertEquals(3, contacts.get("total"), "every request of the outage was counted: " + contacts);
        assertEquals(3, contacts.get("serverErrors"), "as the 503s they were: " + contacts);
        assertEquals(List.of(), log.errors(), "nothing was logged as an error");
    }

    @Test
    void aFailureThatIsNotAnOutageStillReachesTheScheduler() {
        Probe.buggy = true;
        try {
            IllegalStateException bug = assertThrows(IllegalStateException.class, probe::tick);
            assertEquals("a bug, not an outage", bug.getMessage());
        } finally {
            Probe.buggy = false;
        }
        assertTrue(count(Level.WARNING, "cannot reach the database").isEmpty(), "a bug is no outage: " + log.records());
    }

    @Test
    void workOverTheTenantsEndsAtTheFirstUnreachableDatabase() {
        for (int i = 0; i < 3; i++) {
            Seed.contact(Api.newTenant(), "{\"firstName\":\"Tenant\"}");
        }
        assertTrue(tenants.active().size() >= 3, "tenants to visit");
        AtomicInteger visited = new AtomicInteger();
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> tenants.forEach("Probe", tenant -> {
            visited.incrementAndGet();
            return unreachable();
        }));
        assertEquals(1, visited.get(), "the pass ended at the first tenant: " + thrown);
        visited.set(0);
        assertThrows(RuntimeException.class, () -> consumer.eachTenant(org.jboss.logging.Logger.getLogger(getClass()),
                "Probe pass", tenant -> {
                    visited.incrementAndGet();
                    unreachable();
                }));
        assertEquals(1, visited.get(), "the feed consumer's pass ended at the first tenant too");
        assertEquals(List.of(), log.errors(), "nothing logged per tenant as an error");
        assertTrue(log.records().stream().noneMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue()
                && String.valueOf(r.getMessage()).contains("Probe")), "nor as a warning: " + log.records());
    }

    /** Connects to a port nothing listens on: PostgreSQL's driver answers as it does for a database that is down. */
    private static int unreachable() {
        try (Connection ignored = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:1/torre?connectTimeout=2", "torre", "torre")) {
            return 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the tenant failed", e);
        }
    }

    /** Every method of the application the scheduler runs, by class and method name, called through its bean. */
    private static Map<String, Runnable> scheduledTicks() {
        Map<String, Runnable> ticks = new LinkedHashMap<>();
        for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            if (!type.getName().startsWith("dev.torre.")) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                if (!method.isAnnotationPresent(Scheduled.class)) {
                    continue;
                }
                method.setAccessible(true);
                Object instance = Arc.container().instance(type).get();
                ticks.put(type.getSimpleName() + "." + method.getName(), () -> {
                    try {
                        method.invoke(instance);
                    } catch (InvocationTargetException e) {
                        throw new AssertionError(type.getSimpleName() + "." + method.getName() + " threw", e.getCause());
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        }
        assertTrue(ticks.containsKey("DuplicateWorker.tick") && ticks.containsKey("ExportWorker.tick")
                && ticks.containsKey("DeliveryWorker.tick"), "the workers were found: " + ticks.keySet());
        return ticks;
    }

    /** The counts of the ticks whose name starts with {@code prefix}. */
    private static Map<String, Long> only(String prefix, Map<String, Long> counts) {
        Map<String, Long> kept = new LinkedHashMap<>(counts);
        kept.keySet().removeIf(tick -> !tick.startsWith(prefix));
        return kept;
    }

    /** WorkerTicks' records at a level whose message holds {@code words}, counted by the tick they name. */
    private Map<String, Long> count(Level level, String words) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (LogRecord r : log.records()) {
            String message = LogCapture.formatted(r);
            if (r.getLevel().intValue() == level.intValue() && WorkerTicks.class.getName().equals(r.getLoggerName())
                    && message.contains(words)) {
                counts.merge(message.substring(0, message.indexOf(' ')), 1L, Long::sum);
            }
        }
        return counts;
    }

}
