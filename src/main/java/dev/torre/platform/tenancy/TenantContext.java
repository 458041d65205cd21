package dev.torre.platform.tenancy;

import java.util.function.Supplier;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.arc.ManagedContext;

/**
 * The tenant the current thread works for: the caller's, or one set explicitly by
 * background work. Both tenancy walls (Hibernate and row-level security) read it here.
 */
public final class TenantContext {

    private static final ThreadLocal<String> EXPLICIT = new ThreadLocal<>();

    private TenantContext() {
    }

    /** The current tenant, or null when there is none (then nothing is visible). */
    public static String current() {
        String explicit = EXPLICIT.get();
        if (explicit != null) {
            return explicit;
        }
        ArcContainer container = Arc.container();
        if (container == null) {
            return null; // the server has stopped: no caller, so nothing is visible
        }
        ManagedContext requestContext = container.requestContext();
        if (!requestContext.isActive()) {
            return null;
        }
        return container.instance(Caller.class).get().tenant();
    }

    /** Whether the current tenant was set explicitly by background work (jobs, deliveries). */
    public static boolean setByBackgroundWork() {
        return EXPLICIT.get() != null;
    }

    /** Runs work on behalf of one tenant, outside any request (jobs, deliveries). */
    public static <T> T callAs(String tenant, Supplier<T> work) {
        String previous = EXPLICIT.get();
        EXPLICIT.set(tenant);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                EXPLICIT.remove();
            } else {
                EXPLICIT.set(previous);
            }
        }
    }
}
