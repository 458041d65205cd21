package dev.torre.webhook;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

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
import dev.torre.platform.persistence.WorkerTick;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.tenancy.Tenants;
import dev.torre.platform.time.ServerClock;

/**
 * Pushes the event log to webhook receivers. A pass over a tenant repeats two steps until nothing is left: read one
 * page of new events per enabled subscription into deliveries, sending each page's fresh deliveries (queued already
 * claimed) while the next subscription is read; then claim batches of other due deliveries (retries, a backlog) and
 * send them. Every batch goes out at once (signed per Standard Webhooks, over kept-alive connections to the address
 * just checked) and its outcomes are recorded in one transaction. Any number of instances may run passes at once;
 * the claims keep them apart.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    @Inject
    ServerClock clock;

    /** Steps per tenant and pass: a busy tenant yields to the others now and then (the next pass goes on). */
    private static final int MAX_ROUNDS = 500;

    /** How long a step sends before it reads new events again. */
    private static final Duration SEND_SLICE = Duration.ofSeconds(1);

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
    private RetrySchedule schedule;
    private Duration every;

    @PostConstruct
    void init() {
        schedule = RetrySchedule.of(config);
        every = interval(config.worker().every());
        // Connections are kept alive and pooled per resolved address (Vert.x keys its pools by the server address a
        // request names): a delivery reuses a connection only to the address its own resolution has just checked.
        // An idle connection is dropped after 4 s, before the 5 s after which common servers (Node.js among them)
        // close theirs: a request never races the receiver's own close.
        http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setKeepAliveTimeout(4)
                .setVerifyHost(true).setForceSni(true)
                .setMaxPoolSize(Math.max(1, config.parallelism())));
    }

    /** The tick's interval; none where it is in a form the scheduler reads and the retry schedule does not (0.5s). */
    static Duration interval(String every) {
        try {
            return WebhookConfig.parse(every);
        } catch (RuntimeException unreadable) {
            return Duration.ZERO;
        }
    }

    @PreDestroy
    void stop() {
        http.close();
    }
    @WorkerTick
    @Scheduled(every = "${torre.webhooks.worker.every:1s}", skipExecutionIf = Disabled.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        // only the tenants due (TenantActivity): a quiet tenant is visited less often, one with new events at once.
        // The tick stays on for most of its interval, going again as soon as this instance commits new events: a
        // delivery follows its event within a round's time, not within a tick's (a tick of 1 s put a second's wait
        // into one delivery in five at 1,000 deliveries a second)
        tenants.forEachDueFor("webhook delivery", every, tenant -> passTenant());
    }

    /** Skips the scheduled pass where the worker is turned off (tests drive {@link #pass()} themselves). */
    // a bean, so that its config is injected: without it Quarkus makes the predicate itself, the field stays null and
    // every scheduled pass fails before it starts
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
        List<UUID> subscriptions = scanner.enabled();
        if (subscriptions.isEmpty()) {
            return 0;
        }
        int attempts = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            boolean more = false;
            // one page each: a subscription with a long backlog does not hold up the sending. The page's fresh
            // deliveries come back already claimed and go out at once, while the next subscription is read
            List<Batch> flying = new ArrayList<>();
            int sentThisRound = 0;
            for (UUID subscription : subscriptions) {
                Instant leaseUntil = leaseFrom(clock.now());
                DeliveryScanner.Scan scan = scanner.scan(subscription, leaseUntil);
                more |= scan.read() == config.scanBatch();
                if (!scan.leased().isEmpty()) {
                    flying.add(new Batch(dispatch(scan.leased()), scan.leased().size(), leaseUntil));
                }
                // at most a batch's worth waits for connections besides the page just read: a request's time limit
                // runs from when it is made, so a long queue to one receiver would time out requests never sent
                sentThisRound += recordLanded(flying, config.batch());
            }
            sentThisRound += recordLanded(flying, 0);
            // then send what else is due (retries, a backlog, deliveries queued unclaimed) while full batches come,
            // for a slice of time, so that new events still get read again soon
            long until = System.nanoTime() + SEND_SLICE.toNanos();
            int sent;
            do {
                sent = sendDue();
                sentThisRound += sent;
            } while (sent == config.batch() && System.nanoTime() < until);
            attempts += sentThisRound;
            if (!more && sentThisRound == 0) {
                break;
            }
            if (round % 10 == 9) {
                subscriptions = scanner.enabled();
            }
        }
        return attempts;
    }

    /** Attempts under way, how many, and the lease they were claimed under (outcomes are written only while it holds). */
    private record Batch(CompletableFuture<List<DeliveryStore.Attempt>> attempts, int size, Instant leaseUntil) {
    }

    /**
     * Records the outcomes of the batches that have landed, then waits for the oldest ones until no more than
     * {@code keep} attempts are under way; answers how many attempts it recorded.
     */
    private int recordLanded(List<Batch> flying, int keep) {
        int recorded = 0;
        int underWay = 0;
        for (java.util.Iterator<Batch> it = flying.iterator(); it.hasNext();) {
            Batch batch = it.next();
            if (batch.attempts().isDone()) {
                recorded += record(batch);
                it.remove();
            } else {
                underWay += batch.size();
            }
        }
        while (underWay > keep) {
            Batch oldest = flying.removeFirst();
            recorded += record(oldest);
            underWay -= oldest.size();
        }
        return recorded;
    }

    private int record(Batch batch) {
        List<DeliveryStore.Attempt> attempts = batch.attempts().join();
        store.record(attempts, clock.now(), batch.leaseUntil(), schedule);
        return attempts.size();
    }

    private Instant leaseFrom(Instant now) {
        return now.plus(config.lease()).truncatedTo(ChronoUnit.MICROS);
    }

    /** Claims what is due in the current tenant, sends it all at once and records the outcomes. */
    int sendDue() {
        Instant now = clock.now();
        Instant leaseUntil = leaseFrom(now);
        List<DeliveryStore.Claim> claims = store.claim(config.batch(), now, leaseUntil);
        if (claims.isEmpty()) {
            return 0;
        }
        List<DeliveryStore.Attempt> attempts = dispatch(claims).join();
        store.record(attempts, clock.now(), leaseUntil, schedule);
        return attempts.size();
    }

    /** Sends claimed deliveries all at once; completes with every outcome, never fails. */
    private CompletableFuture<List<DeliveryStore.Attempt>> dispatch(List<DeliveryStore.Claim> claims) {
        String tenant = TenantContext.current();
        Map<String, Object> targets = new HashMap<>();
        Map<UUID, String[]> secrets = new HashMap<>();
        List<CompletableFuture<DeliveryStore.Attempt>> running = new ArrayList<>(claims.size());
        for (DeliveryStore.Claim claim : claims) {
            // each target resolved and checked once per batch, at delivery time, never taken from an earlier batch
            Object target = targets.computeIfAbsent(claim.url(), url -> {
                try {
                    return TargetPolicy.resolve(url, config.allowLoopback());
                } catch (TargetPolicy.Refused refused) {
                    return refused;
                }
            });
            if (target instanceof TargetPolicy.Refused refused) {
                running.add(CompletableFuture.completedFuture(new DeliveryStore.Attempt(claim, false, false, null, null,
                        "Target refused: the URL " + refused.getMessage())));
                continue;
            }
            String[] keys = secrets.computeIfAbsent(claim.subscriptionId(), id -> keys(tenant, claim));
            if (keys.length == 0) {
                // recorded as a failed attempt like any other: it retries on the schedule (the key may be put back)
                // and the subscription is disabled at its end; the batch's other deliveries go out meanwhile
                running.add(CompletableFuture.completedFuture(new DeliveryStore.Attempt(claim, false, false, null, null,
                        UNOPENED_SECRET)));
                continue;
            }
            running.add(attempt(claim, (TargetPolicy.Target) target, keys));
        }
        return CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<DeliveryStore.Attempt> attempts = new ArrayList<>(running.size());
            running.forEach(f -> attempts.add(f.join()));
            return attempts;
        });
    }

    /** Reads and claims without sending: what a worker that dies right after claiming leaves behind (tests of the lease). */
    List<DeliveryStore.Claim> claimOnly(String tenant) {
        return TenantContext.callAs(tenant, () -> {
            scanner.enabled().forEach(scanner::scan);
            Instant now = clock.now();
            return store.claim(config.batch(), now, leaseFrom(now));
        });
    }

    /** What a delivery records when the subscription's signing secret cannot be opened: nothing unsigned goes out. */
    static final String UNOPENED_SECRET = "Not sent: the subscription's signing secret cannot be opened with the server's "
            + "encryption key (TORRE_ENCRYPTION_KEY changed?); rotate the secret or restore the key";

    /**
     * The subscription's signing secrets, opened once per batch: the current one and, during an overlap, the previous
     * (left out if it cannot be opened); none when the current one cannot be.
     */
    private String[] keys(String tenant, DeliveryStore.Claim claim) {
        String current = open(tenant, claim.subscriptionId(), claim.secret());
        if (current == null) {
            LOG.warnf("Webhook %s of tenant %s: its signing secret cannot be opened with the configured encryption key; "
                    + "its deliveries are recorded as failed", claim.subscriptionId(), tenant);
            return new String[0];
        }
        boolean overlap = claim.previousSecret() != null && claim.previousSecretUntil() != null
                && claim.previousSecretUntil().isAfter(clock.now());
        String previous = overlap ? open(tenant, claim.subscriptionId(), claim.previousSecret()) : null;
        return previous == null ? new String[] { current } : new String[] { current, previous };
    }

    /** What a receiver answered: status, the Location header, and the start of the body. */
    private record Answer(int status, String location, String excerpt) {
    }

    /**
     * One attempt to the checked address (the host still names the request, TLS's SNI and the certificate check):
     * signed, sent, the answer read up to the cap; it completes with the outcome and never fails.
     */
    private CompletableFuture<DeliveryStore.Attempt> attempt(DeliveryStore.Claim claim, TargetPolicy.Target target, String[] keys) {
        long timestamp = clock.now().getEpochSecond();
        StringBuilder signature = new StringBuilder();
        for (String key : keys) {
            signature.append(signature.isEmpty() ? "" : " ").append(Signer.sign(key, claim.messageId(), timestamp, claim.body()));
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
                .putHeader("webhook-signature", signature.toString());
        long start = System.nanoTime();
        return send(options, claim.body())
                .orTimeout(config.connectTimeout().plus(config.readTimeout()).toMillis(), TimeUnit.MILLISECONDS)
                .handle((answer, failure) -> failure == null ? outcome(claim, start, answer) : failed(claim, start, failure));
    }

    private static DeliveryStore.Attempt outcome(DeliveryStore.Claim claim, long start, Answer answer) {
        int latency = (int) Duration.ofNanos(System.nanoTime() - start).toMillis();
        int status = answer.status();
        if (status >= 200 && status < 300) {
            return new DeliveryStore.Attempt(claim, true, false, status, latency, null);
        }
        String error = status >= 300 && status < 400
                ? "Redirect not followed (Location: " + (answer.location() == null ? "none" : answer.location()) + ")"
                : "The receiver answered " + status + (answer.excerpt().isBlank() ? "" : ": " + answer.excerpt().strip());
        return new DeliveryStore.Attempt(claim, false, status == 410, status, latency, error);
    }

    private DeliveryStore.Attempt failed(DeliveryStore.Claim claim, long start, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String name = cause.getClass().getSimpleName();
        String error;
        if (cause instanceof ConnectException || name.contains("Connect")) {
            error = "Could not connect: " + (cause.getMessage() == null ? "connection refused" : cause.getMessage());
        } else if (cause instanceof TimeoutException || cause instanceof io.netty.handler.timeout.TimeoutException
                || name.contains("Timeout")) {
            error = "No answer within " + config.readTimeout().toMillis() + " ms";
        } else {
            error = "Connection failed: " + name + (cause.getMessage() == null ? "" : " " + cause.getMessage());
        }
        return new DeliveryStore.Attempt(claim, false, false, null, (int) Duration.ofNanos(System.nanoTime() - start).toMillis(), error);
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

    /** The secret in clear, or null when it cannot be opened (another key sealed it, or it is damaged). */
    private String open(String tenant, UUID subscription, String sealed) {
        return sealer.open(new Sealer.Place(tenant, "webhook", subscription, "secret"), sealed);
    }
}
