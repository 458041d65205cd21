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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

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
import io.vertx.core.http.HttpClientRequest;
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
 * Pushes the event log to webhook receivers. A tenant's turn repeats rounds until nothing is left or its time is up:
 * read one page of new events per enabled subscription into deliveries (the fresh ones queued already claimed and
 * sent at once), then claim the other due deliveries (retries, a backlog), each subscription its own share. Batches go
 * out without the turn waiting for them (signed per Standard Webhooks, over kept-alive connections to the address just
 * checked) and their outcomes are recorded, one transaction per batch, as they land. A subscription has at most
 * {@code inFlightPerSubscription} attempts under way, so a dead receiver holds its own backlog and nobody else's.
 * Any number of instances may run passes at once; the claims keep them apart.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    /**
     * How long a round that found nothing at all (no event read, nothing claimed) waits for a batch under way to land
     * before it goes round again: what lands may free a record's next event. A round that found anything goes round
     * again at once, however short its pages were.
     */
    private static final Duration IDLE_WAIT = Duration.ofSeconds(1);

    @Inject
    ServerClock clock;

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
    /** Attempts under way on this instance (claimed and not yet answered), per subscription. */
    private final Map<UUID, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    /** Counts attempts answered and batches recorded, so that an idle pass wakes when either may have freed work. */
    private final Object landing = new Object();
    private long landings;
    /** One gate per receiver address: requests wait there, not in the client's queue (see {@link SendGate}). */
    private final Map<String, SendGate> gates = new ConcurrentHashMap<>();
    /** The batches under way on this instance, whose leases {@link #renewLeases()} extends. */
    private final Set<Held> held = ConcurrentHashMap.newKeySet();
    /** Records outcomes as batches land (the database is not written from the client's event loop). */
    private ExecutorService recorder;

    @PostConstruct
    void init() {
        schedule = RetrySchedule.of(config);
        // Connections are kept alive and pooled per resolved address (Vert.x keys its pools by the server address a
        // request names): a delivery reuses a connection only to the address its own resolution has just checked.
        // An idle connection is dropped after 4 s, before the 5 s after which common servers (Node.js among them)
        // close theirs: a request never races the receiver's own close.
        http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setKeepAliveTimeout(4)
                .setVerifyHost(true).setForceSni(true)
                .setMaxPoolSize(Math.max(1, config.parallelism())));
        recorder = Executors.newFixedThreadPool(4, Thread.ofPlatform().daemon().name("webhook-outcomes-", 0).factory());
    }

    @PreDestroy
    void stop() {
        recorder.shutdown();
        http.close();
    }

    @WorkerTick
    @Scheduled(every = "${torre.webhooks.worker.every:1s}", skipExecutionIf = Disabled.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        pass();
    }

    /**
     * Keeps the leases of the batches under way from running out while their attempts wait for a connection: an
     * attempt is sent only while its lease covers its whole time limit, and one that lapsed would have to wait for the
     * lease to end before anyone sends it. A dead instance stops renewing, so its claims come back within a lease.
     */
    @WorkerTick
    @Scheduled(every = "${torre.webhooks.lease-renewal-every:5s}", skipExecutionIf = Disabled.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void renewalTick() {
        renewLeases();
    }

    /**
     * Renews every lease under way that has less than half its length left, to a whole lease from now; answers how
     * many claims it renewed. A claim no longer held under its lease (taken over after a lapse) is not sent.
     */
    int renewLeases() {
        int renewed = 0;
        Instant soon = clock.now().plus(config.lease().dividedBy(2));
        for (Held batch : held) {
            if (!batch.until().isBefore(soon)) {
                continue;
            }
            // under the batch's lock: its outcomes are written under the lease it holds, never one being replaced
            synchronized (batch) {
                if (batch.finished()) {
                    continue;
                }
                Instant until = leaseFrom(clock.now());
                Set<UUID> kept = TenantContext.callAs(batch.tenant, () -> store.renew(batch.heldIds(), batch.until(), until));
                batch.renewed(until, kept);
                renewed += kept.size();
            }
        }
        return renewed;
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

    /**
     * One pass: every tenant takes a turn of at most {@code tenantTurn}; while any turn found work (events read,
     * deliveries claimed), every tenant takes another at once, so a busy tenant neither holds the others nor waits for
     * the next tick. When no turn found anything, the pass waits (up to a second) for a batch under way to land, since
     * what lands may free a record's next event, and goes round again; with nothing under way it ends. Answers how
     * many attempts it started (batches still under way at its end are recorded as they land).
     */
    public int pass() {
        return rounds(tenants::active, config.tenantTurn(), false);
    }

    /** One pass over one tenant, waiting for every outcome (tests): answers how many attempts it recorded. */
    int pass(String tenant) {
        return rounds(() -> List.of(tenant), config.tenantTurn(), true);
    }

    /** A pass over these tenants with turns of this length, waiting for every outcome (tests): attempts recorded. */
    int pass(List<String> tenantsInTurn, Duration turnLength) {
        return rounds(() -> tenantsInTurn, turnLength, true);
    }

    private int rounds(Supplier<List<String>> tenantsInTurn, Duration turnLength, boolean settle) {
        int started = 0;
        List<CompletableFuture<Integer>> launched = new ArrayList<>();
        while (true) {
            boolean found = false;
            long seen = landings();
            for (String tenant : tenantsInTurn.get()) {
                try {
                    Turn turn = TenantContext.callAs(tenant, () -> turn(clock.now().plus(turnLength), launched));
                    started += turn.started();
                    found |= turn.found();
                } catch (RuntimeException e) {
                    LOG.errorf(e, "webhook delivery failed for tenant %s; the next run retries", tenant);
                }
            }
            if (!settle) {
                launched.removeIf(CompletableFuture::isDone);
            }
            if (!found) {
                // nothing new anywhere: an answer frees its subscription's room and a recorded batch may free a
                // record's next event, so go round again as soon as either happened since this round began (or end
                // when nothing is under way); a round that found anything never waits here, however short its pages
                boolean underWay = launched.stream().anyMatch(f -> !f.isDone());
                if (!underWay || !landedSince(seen, IDLE_WAIT)) {
                    break;
                }
            }
        }
        if (!settle) {
            return started;
        }
        int recorded = 0;
        for (CompletableFuture<Integer> f : launched) {
            recorded += f.join();
        }
        return recorded;
    }

    /** What a tenant's turn came to: attempts started, and whether it found anything (events read, deliveries claimed). */
    private record Turn(int started, boolean found) {
    }

    /**
     * One turn of the current tenant: rounds until nothing is left to read or claim, or until the deadline (checked
     * after each round, so a turn does at least one); adds the batches it launches to {@code launched}.
     */
    private Turn turn(Instant deadline, List<CompletableFuture<Integer>> launched) {
        List<UUID> subscriptions = scanner.enabled();
        if (subscriptions.isEmpty()) {
            return new Turn(0, false);
        }
        String tenant = TenantContext.current();
        int started = 0;
        boolean found = false;
        for (int round = 1;; round++) {
            boolean more = false;
            int startedNow = 0;
            // one page each: a subscription with a long backlog does not hold up the sending. The page's fresh
            // deliveries come back already claimed (as many as the subscription has room for) and go out at once,
            // built once per set of owner eyes in this round and signed per subscription
            Envelopes envelopes = new Envelopes();
            scanner.publish();
            for (UUID subscription : subscriptions) {
                Instant leaseUntil = leaseFrom(clock.now());
                int room = room(subscription);
                DeliveryScanner.Scan scan = scanner.scan(subscription, room > 0 ? leaseUntil : null, room, envelopes);
                more |= scan.read() == config.scanBatch();
                found |= scan.read() > 0;
                if (!scan.leased().isEmpty()) {
                    launched.add(launch(tenant, scan.leased(), leaseUntil));
                    startedNow += scan.leased().size();
                }
            }
            // then what else is due (retries, a backlog, deliveries queued unclaimed), each subscription its own share
            Map<UUID, Integer> rooms = new HashMap<>();
            subscriptions.forEach(s -> rooms.put(s, room(s)));
            Instant now = clock.now();
            Instant leaseUntil = leaseFrom(now);
            List<DeliveryStore.Claim> claims = store.claim(rooms, config.batch(), now, leaseUntil);
            if (!claims.isEmpty()) {
                launched.add(launch(tenant, claims, leaseUntil));
                startedNow += claims.size();
            }
            started += startedNow;
            found |= startedNow > 0;
            // no full page left, or the time is up: the other tenants take their turns before this one reads on
            if (!more || !clock.now().isBefore(deadline)) {
                return new Turn(started, found);
            }
            if (round % 10 == 0) {
                subscriptions = scanner.enabled();
            }
        }
    }

    private long landings() {
        synchronized (landing) {
            return landings;
        }
    }

    /** An attempt was answered or a batch recorded. */
    private void landed() {
        synchronized (landing) {
            landings++;
            landing.notifyAll();
        }
    }

    /** Waits, at most this long, until something landed after the count {@code seen}; answers whether it did. */
    private boolean landedSince(long seen, Duration wait) {
        long end = System.nanoTime() + wait.toNanos();
        synchronized (landing) {
            while (landings == seen) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(landing, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /** How many more attempts this subscription may have under way on this instance. */
    private int room(UUID subscription) {
        AtomicInteger n = inFlight.get(subscription);
        return Math.max(0, config.inFlightPerSubscription() - (n == null ? 0 : n.get()));
    }

    /**
     * Sends a claimed batch and, once every attempt has landed, records the outcomes in the tenant (in one
     * transaction, only while the lease holds); completes with how many attempts were recorded.
     */
    private CompletableFuture<Integer> launch(String tenant, List<DeliveryStore.Claim> claims, Instant leaseUntil) {
        claims.forEach(c -> inFlight.computeIfAbsent(c.subscriptionId(), id -> new AtomicInteger()).incrementAndGet());
        Held batch = new Held(tenant, claims, leaseUntil);
        held.add(batch);
        return dispatch(batch).thenApplyAsync(attempts -> {
            try {
                // under the batch's lock, so that no renewal replaces the lease the outcomes are written under
                synchronized (batch) {
                    // a claim found taken over belongs to the instance that took it, whatever its lease reads now
                    List<DeliveryStore.Attempt> mine = attempts.stream().filter(a -> batch.holds(a.claim().id())).toList();
                    TenantContext.callAs(tenant, () -> {
                        store.record(mine, clock.now(), batch.until(), schedule);
                        return null;
                    });
                }
                return attempts.size();
            } finally {
                finish(batch);
            }
        }, recorder).exceptionally(failure -> {
            // the claims stay leased, no longer renewed: when the lease ends, this or another instance takes them again
            finish(batch);
            LOG.errorf(failure, "Recording webhook outcomes failed for tenant %s", tenant);
            return 0;
        });
    }

    /** The batch is over on this instance: its lease is no longer renewed (its room was freed answer by answer). */
    private void finish(Held batch) {
        synchronized (batch) {
            if (!batch.finish()) {
                return;
            }
        }
        held.remove(batch);
        landed();
    }

    private Instant leaseFrom(Instant now) {
        return now.plus(config.lease()).truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Sends claimed deliveries all at once; completes with every outcome, never fails. The lease is renewed while
     * attempts wait for a connection; one whose lease could not be renewed far enough to cover its time limit (the
     * database out of reach) or that was taken over is not sent and not answered: its claim runs out and is taken
     * again, rather than an outcome coming too late to count.
     */
    private CompletableFuture<List<DeliveryStore.Attempt>> dispatch(Held batch) {
        List<DeliveryStore.Claim> claims = batch.claims;
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
                running.add(answered(claim, CompletableFuture.completedFuture(new DeliveryStore.Attempt(claim, false, false,
                        null, null, "Target refused: the URL " + refused.getMessage()))));
                continue;
            }
            String[] keys = secrets.computeIfAbsent(claim.subscriptionId(), id -> keys(tenant, claim));
            running.add(answered(claim, attempt(claim, (TargetPolicy.Target) target, keys, batch)));
        }

        return CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<DeliveryStore.Attempt> attempts = new ArrayList<>(running.size());
            running.forEach(f -> {
                if (f.join() != null) {
                    attempts.add(f.join());
                }
            });
            return attempts;
        });
    }

    /**
     * Frees the subscription's room as soon as this attempt is answered, not when its whole batch is in: a batch's
     * slowest attempt must not keep the receiver idle while the answered ones wait to be recorded (their claims hold
     * until then, so a record's next event still waits for the outcome).
     */
    private CompletableFuture<DeliveryStore.Attempt> answered(DeliveryStore.Claim claim, CompletableFuture<DeliveryStore.Attempt> attempt) {
        return attempt.whenComplete((outcome, failure) -> {
            inFlight.get(claim.subscriptionId()).decrementAndGet();
            landed();
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

    /** The subscription's signing secrets, opened once per batch: the current one and, during an overlap, the previous. */
    private String[] keys(String tenant, DeliveryStore.Claim claim) {
        String current = open(tenant, claim.subscriptionId(), claim.secret());
        boolean overlap = claim.previousSecret() != null && claim.previousSecretUntil() != null
                && claim.previousSecretUntil().isAfter(clock.now());
        return overlap ? new String[] { current, open(tenant, claim.subscriptionId(), claim.previousSecret()) }
                : new String[] { current };
    }

    /** What a receiver answered: status, the Location header, and the start of the body. */
    private record Answer(int status, String location, String excerpt) {
    }

    /**
     * One attempt to the checked address (the host still names the request, TLS's SNI and the certificate check):
     * it waits at the address's gate, then is signed, sent, and the answer read up to the cap; its time limit and
     * latency run from when it is sent. It completes with the outcome, or with null when it was not sent (see
     * {@link #dispatch}), and never fails.
     */
    private CompletableFuture<DeliveryStore.Attempt> attempt(DeliveryStore.Claim claim, TargetPolicy.Target target, String[] keys,
            Held batch) {
        URI uri = target.uri();
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        Duration limit = config.connectTimeout().plus(config.readTimeout());
        SendGate gate = gates.computeIfAbsent((https ? "https://" : "http://") + uri.getHost() + "@" + target.address().getHostAddress()
                + ":" + port, key -> new SendGate(config.parallelism()));
        CompletableFuture<DeliveryStore.Attempt> outcome = new CompletableFuture<>();
        gate.submit(() -> {
            if (!batch.covers(claim.id(), clock.now().plus(limit))) {
                outcome.complete(null);
                return false;
            }
            long timestamp = clock.now().getEpochSecond();
            StringBuilder signature = new StringBuilder();
            for (String key : keys) {
                signature.append(signature.isEmpty() ? "" : " ").append(Signer.sign(key, claim.messageId(), timestamp, claim.body()));
            }
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
            send(options, claim.body(), limit).whenComplete((answer, failure) -> {
                gate.release();
                outcome.complete(failure == null ? outcome(claim, start, answer) : failed(claim, start, failure));
            });
            return true;
        });
        return outcome;
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
    private CompletableFuture<Answer> send(RequestOptions options, String body, Duration limit) {
        CompletableFuture<Answer> done = new CompletableFuture<>();
        int cap = config.maxResponseBytes();
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        // past the limit the request is dropped with its connection, before the attempt is over: a receiver that
        // never answers gives the connection back for the next request in line
        CompletableFuture<Answer> over = done.orTimeout(limit.toMillis(), TimeUnit.MILLISECONDS).whenComplete((answer, failure) -> {
            if (failure != null && sent.get() != null) {
                sent.get().reset();
            }
        });
        http.request(options).onFailure(done::completeExceptionally).onSuccess(request -> {
            sent.set(request);
            if (done.isDone()) {
                request.reset();
                return;
            }
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
        return over;
    }

    private String open(String tenant, UUID subscription, String sealed) {
        String secret = sealer.open(new Sealer.Place(tenant, "webhook", subscription, "secret"), sealed);
        if (secret == null) {
            throw new IllegalStateException("A webhook secret cannot be opened with the configured encryption key");
        }
        return secret;
    }
}
