package dev.torre.platform.graphql;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.TorreException;
import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A GraphQL request that failed as a whole because the service is unavailable (its database down or restarting)
 * is answered with HTTP 503 and Retry-After, as REST would, so that load balancers and retrying clients can tell it
 * from a bad query; its body keeps the GraphQL errors with {@code extensions.code UNAVAILABLE}. A request that got
 * any field through keeps 200 with its partial data.
 */
@ApplicationScoped
public class GraphQLOutage {

    private static final String PATH = "/graphql";
    private static final String KEY = GraphQLOutage.class.getName();

    /** What the resolvers of one request met: how many succeeded, and the first outage. */
    static final class Tally {
        final AtomicInteger answered = new AtomicInteger();
        final AtomicReference<TorreException> outage = new AtomicReference<>();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 3).handler(context -> {
            String path = context.normalizedPath();
            if (path.equals(PATH) || path.startsWith(PATH + "/")) {
                Tally tally = new Tally();
                context.put(KEY, tally);
                context.addHeadersEndHandler(ignored -> {
                    TorreException outage = tally.outage.get();
                    if (outage != null && tally.answered.get() == 0 && context.response().getStatusCode() == 200) {
                        context.response().setStatusCode(outage.code().status());
                        outage.headers().forEach(context.response()::putHeader);
                    }
                });
            }
            context.next();
        });
    }

    /** Called by {@link ErrorTranslator} when a resolver returned. */
    static void answered() {
        Tally tally = current();
        if (tally != null) {
            tally.answered.incrementAndGet();
        }
    }

    /** Called by {@link ErrorTranslator} with each failure it translated. */
    static void failed(TorreException e) {
        if (e.code() != ErrorCode.UNAVAILABLE) {
            return;
        }
        Tally tally = current();
        if (tally != null) {
            tally.outage.compareAndSet(null, e);
        }
    }

    private static Tally current() {
        var request = Arc.container().instance(CurrentVertxRequest.class);
        if (!request.isAvailable()) {
            return null;
        }
        RoutingContext http = request.get().getCurrent();
        return http == null ? null : http.get(KEY);
    }
}
