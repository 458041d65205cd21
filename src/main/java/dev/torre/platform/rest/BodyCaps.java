package dev.torre.platform.rest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;

import dev.torre.platform.config.TorreConfig;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.TorreException;
import io.quarkus.runtime.configuration.MemorySize;

/**
 * Each REST endpoint's body cap: the transport's ({@code quarkus.http.limits.max-body-size}) for a {@link LargeBody}
 * endpoint, {@code torre.http.body-limit} for every other. Runs once the endpoint is known and before its body is read:
 * a body whose announced length is over the cap is refused at once; one sent without a length is counted as it is read
 * ({@link ChunkedBodyLimit}, which finds the cap here). A length over the transport's cap never gets this far
 * ({@link BodyLimit}).
 */
public class BodyCaps {

    /** The request property under which the endpoint's cap is left for {@link ChunkedBodyLimit}. */
    static final String CAP = "torre.body-cap";

    private final long large;
    private final long ordinary;
    private final Map<String, Long> byEndpoint = new ConcurrentHashMap<>();

    BodyCaps(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize transport, TorreConfig config) {
        this.large = transport.asLongValue();
        this.ordinary = ordinary(transport, config);
    }

    /** The cap of every endpoint not marked {@link LargeBody}, and of GraphQL: never above the transport's. */
    public static long ordinary(MemorySize transport, TorreConfig config) {
        return Math.min(transport.asLongValue(), config.http().bodyLimit().asLongValue());
    }

    /** The length a {@code Content-Length} header announces, or -1 when there is none or it is no plain number. */
    static long announced(String contentLength) {
        return contentLength != null && !contentLength.isEmpty() && contentLength.length() < 19
                && contentLength.chars().allMatch(c -> c >= '0' && c <= '9') ? Long.parseLong(contentLength) : -1;
    }

    @ServerRequestFilter
    public void check(ContainerRequestContext request, ResourceInfo info) {
        if (!(info instanceof ResteasyReactiveResourceInfo resource)) {
            return;
        }
        long cap = byEndpoint.computeIfAbsent(resource.getMethodId(), id -> takesLargeBodies(resource) ? large : ordinary);
        request.setProperty(CAP, cap);
        if (announced(request.getHeaderString(HttpHeaders.CONTENT_LENGTH)) > cap) {
            throw tooLarge(cap, cap == large);
        }
    }

    /**
     * The 413 for a body past {@code cap} ({@code largest}: the transport's, which no endpoint exceeds); the connection
     * closes once the body's rest is read or past its bound.
     */
    static TorreException tooLarge(long cap, boolean largest) {
        return new TorreException(ErrorCode.PAYLOAD_TOO_LARGE, "The body is larger than the " + size(cap)
                + (largest ? " this API accepts; send fewer items per request" : " this endpoint accepts"), List.of(), Map.of("Connection", "close"));
    }

    private static boolean takesLargeBodies(ResteasyReactiveResourceInfo resource) {
        for (var annotation : resource.getAnnotations()) {
            if (annotation instanceof LargeBody) {
                return true;
            }
        }
        return false;
    }

    private static String size(long bytes) {
        long mb = 1024 * 1024;
        return bytes % mb == 0 ? bytes / mb + " MB" : bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
    }
}
