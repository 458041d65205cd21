package dev.torre.platform.persistence;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import org.jboss.logging.Logger;

import dev.torre.platform.error.Failures;

/**
 * Keeps a database outage out of the error log of the background workers. While PostgreSQL is down or restarting,
 * every tick of every worker fails, and the scheduler logged each failure as an ERROR with its stack trace — one a
 * second per worker, burying whatever else went wrong. A tick that fails because the database is out of reach
 * ({@link Failures#unreachable}) is logged once as a WARN, when that worker first meets the outage, and the next tick
 * that completes logs one INFO; other failures go on to the scheduler, which logs them as ERRORs. The work that visits
 * tenants ends its pass at the first such failure instead of logging one per tenant (platform.tenancy.Tenants,
 * platform.feed.TenantFeedConsumer), so the failure reaches the tick.
 */
@WorkerTick
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class WorkerTicks {

    private static final Logger LOG = Logger.getLogger(WorkerTicks.class);

    /** The workers whose last tick met an outage, by name, with when it began for them ({@link System#nanoTime}: an elapsed time, not a date). */
    private static final Map<String, Long> DOWN = new ConcurrentHashMap<>();

    @AroundInvoke
    Object tick(InvocationContext invocation) throws Exception {
        String worker = invocation.getMethod().getDeclaringClass().getSimpleName() + "." + invocation.getMethod().getName();
        Object result;
        try {
            result = invocation.proceed();
        } catch (Exception e) {
            if (!Failures.unreachable(e)) {
                throw e;
            }
            if (DOWN.putIfAbsent(worker, System.nanoTime()) == null) {
                LOG.warnf("%s cannot reach the database (%s); it tries again on every tick and says so here when it works again",
                        worker, cause(e));
            }
            return null;
        }
        Long since = DOWN.remove(worker);
        if (since != null) {
            LOG.infof("%s works again; the database was out of its reach for %d s", worker,
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since));
        }
        return result;
    }

    /** The database's own words, the innermost cause's message, without a stack trace. */
    private static String cause(Throwable e) {
        Throwable innermost = e;
        for (Throwable c : Failures.causes(e)) {
            if (c instanceof java.sql.SQLException) {
                innermost = c;
            }
        }
        return innermost.getClass().getSimpleName() + ": " + innermost.getMessage();
    }
}
