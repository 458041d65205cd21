package dev.torre.platform.graphql;

import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.torre.platform.audit.BulkReadGuard;
import dev.torre.testing.Tokens;
import graphql.execution.AbortExecutionException;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What a GraphQL request does once its client has gone (Quarkus ends the request's context with the connection, while
 * the execution may still run on a worker): the rows it had already read are still kept by the bulk-read guard, as the
 * reader taken when it began, without the request's caller or connection; and a resolver it reaches afterwards is not
 * run but refused with a quiet abort. Driven on a thread with no request context, as the execution finds itself then.
 * (A test that cuts a real HTTP request at the right moment needs the request held mid-way; a lock on a shared table
 * also caught background work, so it was not kept.)
 */
@QuarkusTest
class GraphQLDisconnectTest {

    @Inject
    BulkReadGuard guard;

    private final String tenant = newTenant();

    @Test
    void rowsReadBeforeTheClientLeftStillCount() throws Exception {
        BulkReadGuard.Reader reader = new BulkReadGuard.Reader("leaving-reader", tenant, "203.0.113.9");
        CompletableFuture.runAsync(() -> guard.returnedAfterDisconnect(reader, Map.of("company", 3)), Thread.ofPlatform()::start)
                .get(60, TimeUnit.SECONDS);

        List<Map<String, Object>> reads = as(Tokens.of(tenant, "legal", null)).queryParam("actor", "leaving-reader")
                .when().get("/v1/audit").then().statusCode(200).extract().jsonPath().getList("data");
        assertEquals(1, reads.size(), "one bulk read kept: " + reads);
        assertEquals("company", reads.get(0).get("entityType"));
        assertEquals(3, reads.get(0).get("recordCount"));
        assertEquals("203.0.113.9", reads.get(0).get("clientIp"), "kept with the address the request came from: " + reads);
    }

    @Test
    void aResolverReachedAfterTheClientLeftIsNotRun() throws Exception {
        boolean[] ran = {false};
        Throwable refused = CompletableFuture.supplyAsync(() -> {
            assertTrue(ClientGone.now(), "no request context on this thread, as after a disconnect");
            return assertThrows(AbortExecutionException.class, () -> new GraphQLRows().cancellable(environment -> {
                ran[0] = true;
                return "read";
            }).get(null));
        }, Thread.ofPlatform()::start).get(60, TimeUnit.SECONDS);
        assertEquals(false, ran[0], "the resolver was not run");
        assertInstanceOf(GraphQLProblem.class, ((AbortExecutionException) refused).getUnderlyingErrors().get(0));
    }
}
