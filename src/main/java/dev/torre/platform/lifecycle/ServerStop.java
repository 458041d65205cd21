package dev.torre.platform.lifecycle;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Lets the background workers finish before the server takes away what they use. The scheduler hands each tick to
 * a worker thread and does not wait for it when the server stops, so a tick running at that moment met a closed
 * EntityManagerFactory, a closed pool or no CDI container at all, and logged its failure with a stack trace on every
 * stop. When the stop begins (the first observer of {@link ShutdownEvent}, while every bean and the database are
 * still there) no new tick may start, the running ones end at their next tenant or batch (they ask
 * {@link #underway()}), and the stop waits for them, up to {@link #WAIT}; a failure met while stopping is no error
 * (platform.error.Failures counts it as the database being out of reach).
 */
@Singleton
public class ServerStop {

    private static final Logger LOG = Logger.getLogger(ServerStop.class);

    /** Longest the stop waits for running ticks: well inside the 10 s a supervisor usually gives before SIGKILL. */
    static final Duration WAIT = Duration.ofSeconds(5);

    private static volatile boolean underway;
    private static final Object LOCK = new Object();
    private static int running;

    /** Whether the server is stopping: background work should end at its next step rather than start another. */
    public static boolean underway() {
        return underway;
    }

    /**
     * Counts one tick in, unless the server is stopping (then the tick must not run and this answers false); a tick
     * let in is counted out with {@link #leave()}.
     */
    public static boolean enter() {
        synchronized (LOCK) {
            if (underway) {
                return false;
            }
            running++;
            return true;
        }
    }

    /** Counts a tick out that {@link #enter()} let in. */
    public static void leave() {
        synchronized (LOCK) {
            running--;
            LOCK.notifyAll();
        }
    }

    // a server started again in the same JVM (tests with another profile) starts with its workers allowed
    void started(@Observes StartupEvent event) {
        underway = false;
    }

    // first of the shutdown observers, so that the ones after it (a last usage flush) run with the workers quiet
    void stopping(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        synchronized (LOCK) {
            underway = true;
            while (running > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warnf("%d background tick(s) still running %d s into the stop; the stop goes on without them", running,
                            WAIT.toSeconds());
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(LOCK, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Ends a step of background work that should not begin while the server stops (the tick then ends quietly). */
    public static void check() {
        if (underway) {
            throw new IllegalStateException("The server is stopping");
        }
    }
}
