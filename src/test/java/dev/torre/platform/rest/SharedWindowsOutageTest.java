package dev.torre.platform.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;


/**
 * The shared rate counter while its database does not answer: a "database" that accepts connections and never says a
 * word, then drops them (as PostgreSQL going down does). Requests of a key wait for the one reservation under way —
 * not for the window's lock, queueing to make their own — and once it failed they go on uncounted, without asking the
 * database again until the pause is over.
 */
class SharedWindowsOutageTest {

    /** A listener that accepts connections and holds them unanswered, counting them. */
    private static final class SilentDatabase implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final List<Socket> held = new CopyOnWriteArrayList<>();
        final Semaphore accepted = new Semaphore(0);
        final Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    held.add(server.accept());
                    accepted.release();
                }
            } catch (IOException closed) {
                // the test is over
            }
        });

        SilentDatabase() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        /** Waits for the next connection attempt. */
        void awaitAttempt() throws InterruptedException {
            assertTrue(accepted.tryAcquire(60, TimeUnit.SECONDS), "the counter never tried to connect");
        }

        /** Drops every connection, as a database going down does. */
        void dropAll() throws IOException {
            for (Socket s : held) {
                s.close();
            }
        }

        @Override
        public void close() throws IOException {
            dropAll();
            server.close();
        }
    }

    /** This limiter's clock: stopped, and moved by the test. */
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
    private final java.time.InstantSource clock = now::get;

    @Test
    void aSilentDatabaseIsAskedOnceAndRequestsGoOnUncountedUntilThePauseEnds() throws Exception {
        try (SilentDatabase database = new SilentDatabase()) {
            PGSimpleDataSource source = new PGSimpleDataSource();
            source.setServerNames(new String[] {"127.0.0.1"});
            source.setPortNumbers(new int[] {database.server.getLocalPort()});
            source.setDatabaseName("torre");
            source.setUser("torre");
            source.setSslMode("disable"); // one plain attempt per connection, no second try without TLS
            source.setGssEncMode("disable");
            SharedWindows windows = new SharedWindows(source, clock, 20, Duration.ofSeconds(1));

            AtomicReference<Object> first = new AtomicReference<>("unanswered");
            Thread reserving = new Thread(() -> first.set(windows.take("acme", "tenant", 100, 60)));
            reserving.start();
            database.awaitAttempt();
            AtomicReference<Object> second = new AtomicReference<>("unanswered");
            Thread waiting = new Thread(() -> second.set(windows.take("acme", "tenant", 100, 60)));
            waiting.start();
            // the second request waits for the reservation under way (parked), not on the window's lock (blocked)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (waiting.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(Thread.State.WAITING, waiting.getState(), "the second request waits for the first one's reservation");

            database.dropAll();
            reserving.join(60_000);
            waiting.join(60_000);
            assertNull(first.get(), "uncounted: the request goes on and meets the outage in its own work");
            assertNull(second.get());
            assertEquals(1, database.held.size(), "one connection attempt for both requests");

            assertNull(windows.take("acme", "tenant", 100, 60), "during the pause: uncounted at once");
            assertNull(windows.take("umbrella", "tenant", 100, 60), "the pause holds for every key");
            assertTrue(windows.answerableLocally("acme", "tenant", 60), "nothing to wait for during the pause");
            assertEquals(1, database.held.size(), "not asked again during the pause");
            assertEquals(1, windows.reservations());

            now.updateAndGet(t -> t.plus(Duration.ofSeconds(1)));
            AtomicReference<Object> later = new AtomicReference<>("unanswered");
            Thread after = new Thread(() -> later.set(windows.take("acme", "tenant", 100, 60)));
            after.start();
            database.awaitAttempt();
            database.dropAll();
            after.join(60_000);
            assertNull(later.get());
            assertEquals(2, database.held.size(), "asked again once the pause is over");
        }
    }
}
