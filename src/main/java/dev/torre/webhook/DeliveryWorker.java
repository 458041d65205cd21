package dev.torre.webhook;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.quarkus.scheduler.ScheduledExecution;

import dev.torre.platform.crypto.Sealer;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.tenancy.Tenants;
import dev.torre.platform.time.Clock;

/**
 * Pushes the event log to webhook receivers: each pass reads every enabled subscription's new events into
 * deliveries, then claims what is due and sends it, signed per Standard Webhooks, records by records in parallel,
 * until nothing is due. Any number of instances may run passes at once; the claims keep them apart.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final int MAX_ROUNDS = 100;

    @Inject
    Tenants tenants;

    @Inject
    DeliveryScanner scanner;

    @Inject
    DeliveryStore store;

    @Inject
    Sealer sealer;

    @Inject
    WebhookConfig config;

    @Inject
    Vertx vertx;

    private HttpClient http;
    private ExecutorService senders;
    private RetrySchedule schedule;

    @PostConstruct
    void init() {
        schedule = RetrySchedule.of(config);
        senders = Executors.newFixedThreadPool(Math.max(1, config.parallelism()), r -> {
            Thread t = new Thread(r, "webhook-sender");
            t.setDaemon(true);
            return t;
        });
        // no pooled connections: each attempt connects to the address it has just checked
        http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false).setVerifyHost(true).setForceSni(true)
                .setMaxPoolSize(Math.max(1, config.parallelism())));
    }

    @PreDestroy
    void stop() {
        senders.shutdownNow();
        http.close();
    }

    @Scheduled(every = "${torre.webhooks.worker.every:1s}", skipExecutionIf = Disabled.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        pass();
    }

    /** Skips the scheduled pass where the worker is turned off (tests drive {@link #pass()} themselves). */
    // a bean, so that its config is injected: the scheduler makes a plain instance of a class that is none, whose
    // null config then fails every check, and the pass never runs (a packaged server delivered nothing, ran no job)
    @Singleton
    public static class Disabled implements Scheduled.SkipPredicate {
        @Inject
        WebhookConfig config;

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.worker().enabled();
        }
    }

    /** One pass over every tenant; answers how many attempts it made. */
    public int pass() {
        return tenants.forEach("webhook delivery", tenant -> passTenant());
    }

    /** One pass over one tenant's subscriptions. */
    int pass(String tenant) {
        return TenantContext.callAs(tenant, this::passTenant);
    }

    private int passTenant() {
        {
            for (UUID subscription : scanner.enabled()) {
                while (scanner.scan(subscription) == config.batch()) {
                    // a full page: more events may follow
                }
            }
            int attempts = 0;
            for (int round = 0; round < MAX_ROUNDS; round++) {
                int sent = sendDue();
                if (sent == 0) {
                    break;
                }
                attempts += sent;
            }
            return attempts;
        }
    }

    /** Claims what is due in the current tenant, sends it in parallel and records the outcomes. */
    int sendDue() {
        Instant now = Clock.now();
        List<DeliveryStore.Claim> claims = store.claim(config.batch(), now, now.plus(config.lease()));
        if (claims.isEmpty()) {
            return 0;
        }
        String tenant = TenantContext.current();
        List<Future<DeliveryStore.Attempt>> running = new ArrayList<>();
        for (DeliveryStore.Claim claim : claims) {
            running.add(CompletableFuture.supplyAsync(() -> attempt(tenant, claim), senders));
        }
        List<DeliveryStore.Attempt> attempts = new ArrayList<>();
        for (Future<DeliveryStore.Attempt> f : running) {
            try {
                attempts.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while delivering", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("A delivery attempt failed unexpectedly", e.getCause());
            }
        }
        store.record(attempts, Clock.now(), schedule);
        return attempts.size();
    }

    /** Reads and claims without sending: what a worker that dies right after claiming leaves behind (tests of the lease). */
    List<DeliveryStore.Claim> claimOnly(String tenant) {
        return TenantContext.callAs(tenant, () -> {
            scanner.enabled().forEach(scanner::scan);
            Instant now = Clock.now();
            return store.claim(config.batch(), now, now.plus(config.lease()));
        });
    }

    /** What a receiver answered: status, the Location header, and the start of the body. */
    private record Answer(int status, String location, String excerpt) {
    }

    /**
     * One attempt: the host resolved once and the address checked, then the connection made to that very address
     * (the host still names the request, TLS's SNI and the certificate check), signed, sent, answer read up to the cap.
     */
    private DeliveryStore.Attempt attempt(String tenant, DeliveryStore.Claim claim) {
        TargetPolicy.Target target;
        try {
            target = TargetPolicy.resolve(claim.url(), config.allowLoopback());
        } catch (TargetPolicy.Refused refused) {
            return new DeliveryStore.Attempt(claim, false, false, null, null, "Target refused: the URL " + refused.getMessage());
        }
        long timestamp = Clock.now().getEpochSecond();
        String signature = Signer.sign(open(tenant, claim.subscriptionId(), claim.secret()), claim.messageId(), timestamp, claim.body());
        if (claim.previousSecret() != null && claim.previousSecretUntil() != null && claim.previousSecretUntil().isAfter(Clock.now())) {
            signature += " " + Signer.sign(open(tenant, claim.subscriptionId(), claim.previousSecret()), claim.messageId(), timestamp, claim.body());
        }
        URI uri = target.uri();
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(target.address(), port)))
                .setHost(uri.getHost())
                .setPort(port)
                .setSsl(https)
                .setURI(path)
                .setFollowRedirects(false)
                .setConnectTimeout(config.connectTimeout().toMillis())
                .setIdleTimeout(config.readTimeout().toMillis())
                .putHeader("content-type", "application/json")
                .putHeader("user-agent", "Torre-Webhooks/1")
                .putHeader("webhook-id", claim.messageId())
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", signature);
        long start = System.nanoTime();
        try {
            Answer answer = send(options, claim.body()).get(config.connectTimeout().plus(config.readTimeout()).toMillis(), TimeUnit.MILLISECONDS);
            int latency = (int) Duration.ofNanos(System.nanoTime() - start).toMillis();
            int status = answer.status();
            if (status >= 200 && status < 300) {
                return new DeliveryStore.Attempt(claim, true, false, status, latency, null);
            }
            String error = status >= 300 && status < 400
                    ? "Redirect not followed (Location: " + (answer.location() == null ? "none" : answer.location()) + ")"
                    : "The receiver answered " + status + (answer.excerpt().isBlank() ? "" : ": " + answer.excerpt().strip());
            return new DeliveryStore.Attempt(claim, false, status == 410, status, latency, error);
        } catch (TimeoutException e) {
            return failed(claim, start, "No answer within " + config.readTimeout().toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof java.util.concurrent.TimeoutException || cause instanceof io.netty.handler.timeout.TimeoutException
                    || (cause != null && cause.getClass().getSimpleName().contains("Timeout") && !(cause instanceof ConnectException)
                            && !cause.getClass().getSimpleName().contains("Connect"))) {
                return failed(claim, start, "No answer within " + config.readTimeout().toMillis() + " ms");
            }
            if (cause instanceof ConnectException || (cause != null && cause.getClass().getSimpleName().contains("Connect"))) {
                return failed(claim, start, "Could not connect: " + (cause.getMessage() == null ? "connection refused" : cause.getMessage()));
            }
            return failed(claim, start, "Connection failed: " + (cause == null ? "unknown" : cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : " " + cause.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(claim, start, "Interrupted");
        }
    }

    /**
     * Sends the body and reads at most the configured number of bytes of the answer, then drops the connection: a
     * receiver cannot hold a sender with an endless or trickling body. Only a short excerpt is kept.
     */
    private CompletableFuture<Answer> send(RequestOptions options, String body) {
        CompletableFuture<Answer> done = new CompletableFuture<>();
        int cap = config.maxResponseBytes();
        http.request(options).onFailure(done::completeExceptionally).onSuccess(request -> {
            request.exceptionHandler(done::completeExceptionally);
            request.response().onFailure(done::completeExceptionally).onSuccess(response -> {
                Buffer read = Buffer.buffer();
                Runnable finish = () -> done.complete(new Answer(response.statusCode(), response.getHeader("location"),
                        read.getString(0, Math.min(read.length(), 200), "UTF-8")));
                response.exceptionHandler(failure -> finish.run()); // what was read still tells what the receiver said
                response.handler(chunk -> {
                    if (read.length() < cap) {
                        read.appendBuffer(chunk, 0, Math.min(chunk.length(), cap - read.length()));
                    }
                    if (read.length() >= cap && !done.isDone()) {
                        finish.run();
                        request.reset();
                    }
                });
                response.endHandler(end -> finish.run());
            });
            request.end(Buffer.buffer(body.getBytes(StandardCharsets.UTF_8)));
        });
        return done;
    }

    private static DeliveryStore.Attempt failed(DeliveryStore.Claim claim, long start, String error) {
        return new DeliveryStore.Attempt(claim, false, false, null, (int) Duration.ofNanos(System.nanoTime() - start).toMillis(), error);
    }

    private String open(String tenant, UUID subscription, String sealed) {
        String secret = sealer.open(new Sealer.Place(tenant, "webhook", subscription, "secret"), sealed);
        if (secret == null) {
            throw new IllegalStateException("A webhook secret cannot be opened with the configured encryption key");
        }
        return secret;
    }
}
