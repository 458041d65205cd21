package dev.torre.platform.rest;

import java.lang.annotation.Annotation;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;

/**
 * Refuses query parameters an endpoint does not declare: a misspelled {@code cursor}
 * must fail loudly rather than silently restart a listing from the first page.
 */
public class StrictQueryParams {

    private final Map<String, Set<String>> declared = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public void check(ContainerRequestContext request, ResourceInfo info) {
        if (!(info instanceof ResteasyReactiveResourceInfo resource)) {
            return;
        }
        Set<String> given = request.getUriInfo().getQueryParameters().keySet();
        if (given.isEmpty()) {
            return;
        }
        Set<String> allowed = declared.computeIfAbsent(resource.getMethodId(), id -> queryParamsOf(resource));
        for (String name : given) {
            if (!allowed.contains(name)) {
                throw new TorreException(ErrorCode.INVALID_QUERY,
                        "Unknown query parameter '" + name + "'" + (allowed.isEmpty() ? "" : "; this endpoint takes " + String.join(", ", allowed.stream().sorted().toList())),
                        List.of(new FieldError(name, "unknown_parameter", "Not a parameter of this endpoint")));
            }
        }
    }

    private static Set<String> queryParamsOf(ResteasyReactiveResourceInfo resource) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < resource.getParameterTypes().length; i++) {
            for (Annotation annotation : resource.getParameterAnnotations(i)) {
                if (annotation instanceof QueryParam query) {
                    names.add(query.value());
                }
            }
        }
        return names;
    }
}
