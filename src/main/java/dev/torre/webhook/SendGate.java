package dev.torre.webhook;

import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;

/**
 * Lets at most as many requests go to one receiver address as the client keeps connections for it; the others wait
 * in line here, before they are made. A request's time limit starts when it is made, so time spent waiting for a
 * connection is never counted against it (a queue inside the HTTP client would run its clock while it waits).
 */
final class SendGate {

    private final int limit;
    private final ArrayDeque<BooleanSupplier> waiting = new ArrayDeque<>();
    private int running;

    SendGate(int limit) {
        this.limit = Math.max(1, limit);
    }

    /**
     * Starts the task now if a place is free, or when one frees up. The task answers true when it took the place
     * (and then calls {@link #release()} once its request is over), false when it finished without sending.
     */
    void submit(BooleanSupplier task) {
        synchronized (this) {
            if (running >= limit) {
                waiting.add(task);
                return;
            }
            running++;
        }
        hand(task);
    }

    /** A request is over: its place goes to the next waiting task. */
    void release() {
        hand(null);
    }

    // a loop rather than recursion: a long line of tasks that finish without sending must not deepen the stack
    private void hand(BooleanSupplier task) {
        BooleanSupplier next = task;
        while (true) {
            if (next != null && next.getAsBoolean()) {
                return;
            }
            synchronized (this) {
                next = waiting.poll();
                if (next == null) {
                    running--;
                    return;
                }
            }
        }
    }
}
