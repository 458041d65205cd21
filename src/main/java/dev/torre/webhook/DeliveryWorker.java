package dev.torre.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
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

import io.quarkus.scheduler.Scheduled;
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

    private HttpClient client;
    private ExecutorService senders;
    private ExecutorService readers;
    private RetrySchedule schedule;

    @PostConstruct
    void init() {
        schedule = RetrySchedule.of(config);
        senders = Executors.newFixedThreadPool(Math.max(1, config.parallelism()), r -> {
            Thread t = new Thread(r, "webhook-sender");
            t.setDaemon(true);
            return t;
        });
        readers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "webhook-answer-reader");
            t.setDaemon(true);
            return t;
        });
        client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(config.connectTimeout()).build();
    }

    @PreDestroy
    void stop() {
        senders.shutdownNow();
        readers.shutdownNow();
    }

    @Scheduled(every = "${torre.webhooks.worker.every:1s}", skipExecutionIf = Disabled.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        pass();
    }

    /** Skips the scheduled pass where the worker is turned off (tests drive {@link #pass()} themselves). */
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

    /** One attempt: target checked again after resolving its host, signed, sent, answer read up to the cap. */
    private DeliveryStore.Attempt attempt(String tenant, DeliveryStore.Claim claim) {
        URI target;
        try {
            target = TargetPolicy.check(claim.url(), config.allowLoopback());
        } catch (TargetPolicy.Refused refused) {
            return new DeliveryStore.Attempt(claim, false, false, null, null, "Target refused: the URL " + refused.getMessage());
        }
        long timestamp = Clock.now().getEpochSecond();
        String signature = Signer.sign(open(tenant, claim.subscriptionId(), claim.secret()), claim.messageId(), timestamp, claim.body());
        if (claim.previousSecret() != null && claim.previousSecretUntil() != null && claim.previousSecretUntil().isAfter(Clock.now())) {
            signature += " " + Signer.sign(open(tenant, claim.subscriptionId(), claim.previousSecret()), claim.messageId(), timestamp, claim.body());
        }
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(config.readTimeout())
                .header("content-type", "application/json")
                .header("user-agent", "Torre-Webhooks/1")
                .header("webhook-id", claim.messageId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(claim.body(), StandardCharsets.UTF_8))
                .build();
        long start = System.nanoTime();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            int latency = (int) Duration.ofNanos(System.nanoTime() - start).toMillis();
            String answer = readCapped(response.body());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new DeliveryStore.Attempt(claim, true, false, status, latency, null);
            }
            String error = status >= 300 && status < 400
                    ? "Redirect not followed (Location: " + response.headers().firstValue("location").orElse("none") + ")"
                    : "The receiver answered " + status + (answer.isBlank() ? "" : ": " + answer.strip());
            return new DeliveryStore.Attempt(claim, false, status == 410, status, latency, error);
        } catch (HttpTimeoutException e) {
            return failed(claim, start, "No answer within " + config.readTimeout().toMillis() + " ms");
        } catch (ConnectException e) {
            return failed(claim, start, "Could not connect: " + (e.getMessage() == null ? "connection refused" : e.getMessage()));
        } catch (IOException e) {
            return failed(claim, start, "Connection failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(claim, start, "Interrupted");
        }
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

    /**
     * Reads at most the configured number of bytes of the answer, for at most the read timeout, then drops the
     * connection: a receiver cannot hold a sender with an endless or trickling body. Only a short excerpt is kept.
     */
    private String readCapped(InputStream body) {
        Future<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try {
                return body.readNBytes(config.maxResponseBytes());
            } catch (IOException e) {
                return new byte[0];
            }
        }, readers);
        try {
            byte[] bytes = read.get(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8);
        } catch (TimeoutException | ExecutionException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        } finally {
            try {
                body.close();
            } catch (IOException e) {
                // the connection is dropped either way
            }
        }
    }
}
