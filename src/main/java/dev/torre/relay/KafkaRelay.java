package dev.torre.relay;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.torre.platform.error.Failures;
import dev.torre.platform.feed.EventFeed;
import dev.torre.platform.feed.EventView;
import dev.torre.platform.persistence.WorkerTick;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.tenancy.Tenants;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

/**
 * Publishes the event log to Kafka, each committed event exactly once, in each tenant's feed order.
 * <p>
 * One instance relays at a time: it holds a PostgreSQL session advisory lock (the lease) on a connection it opens
 * itself, outside the pool — so leading costs no pool slot — and which the database releases when the instance dies. Per tenant it reads the next page of the feed after its
 * position and, in one Kafka transaction, sends the page's events and the new position (to a compacted positions
 * topic, keyed by tenant). Events and position are therefore committed together or not at all; a relay that takes
 * over — after a crash, or on another instance — fences its predecessor through the shared transactional id
 * (aborting whatever it left open) and resumes from the committed positions: no gap and, for consumers reading
 * committed records ({@code isolation.level=read_committed}), no duplicate.
 */
@ApplicationScoped
public class KafkaRelay {

    private static final Logger LOG = Logger.getLogger(KafkaRelay.class);
    private static final String LEASE = "select pg_try_advisory_lock(hashtextextended('torre.kafka-relay', 0))";
    /** The {@code application_name} of the lease's connection. */
    public static final String LEASE_APPLICATION = "torre-relay-lease";

    @Inject
    RelayConfig config;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String databaseUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> databaseUser;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> databasePassword;

    @Inject
    Tenants tenants;

    @Inject
    EventFeed feed;

    @Inject
    ObjectMapper mapper;

    private Connection lease;
    private KafkaProducer<String, String> producer;
    private Map<String, String> positions;

    @WorkerTick
    @Scheduled(every = "${torre.kafka.relay.every:1s}", skipExecutionIf = Off.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            relay();
        } catch (RuntimeException e) {
            stop();
            if (Failures.unreachable(e)) {
                throw e; // said once by the tick (platform.persistence.WorkerTicks), not on every tick of the outage
            }
            LOG.warnf("The Kafka relay stopped on a failure and starts again from its committed positions: %s", e.toString());
        }
    }

    /** Skips the scheduled pass where the relay is not configured or turned off. */
    @Singleton
    public static class Off implements Scheduled.SkipPredicate {
        @Inject
        RelayConfig config;

        @Override
        public boolean test(ScheduledExecution execution) {
            return config.bootstrapServers().isEmpty() || !config.relay().enabled();
        }
    }

    /**
     * One pass: takes the lease if free, then relays every tenant's new events; answers how many it published
     * (0 also when another instance holds the lease).
     */
    @ActivateRequestContext
    public synchronized int relay() {
        if (config.bootstrapServers().isEmpty() || !holdLease()) {
            return 0;
        }
        if (producer == null) {
            start();
        }
        int published = 0;
        for (String tenant : tenants.active()) {
            int sent;
            do {
                sent = relayPage(tenant);
                published += sent;
            } while (sent == config.relay().batch());
        }
        return published;
    }

    /** Gives up the lease and the producer, as a crash would (nothing is committed that was not already). */
    @PreDestroy
    public synchronized void stop() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.debugf("Closing the relay's producer: %s", e);
            }
            producer = null;
        }
        positions = null;
        if (lease != null) {
            try {
                lease.close();
            } catch (SQLException e) {
                LOG.debugf("Closing the relay's lease: %s", e);
            }
            lease = null;
        }
    }

    private void start() {
        RelayTopics.ensure(config);
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers().orElseThrow());
        settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.transactionalId());
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "torre-relay");
        KafkaProducer<String, String> created = new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
        try {
            // fences an earlier producer with this id and completes or aborts what it left open
            created.initTransactions();
            positions = RelayTopics.positions(config);
        } catch (RuntimeException e) {
            created.close(Duration.ofSeconds(5));
            throw e;
        }
        producer = created;
        LOG.infof("The Kafka relay is active on this instance, resuming %d tenants' positions", positions.size());
    }

    int relayPage(String tenant) {
        String after = positions.get(tenant);
        EventFeed.Page page = TenantContext.callAs(tenant, () -> QuarkusTransaction.requiringNew()
                .call(() -> feed.readAfter(tenant, after, List.of(), config.relay().batch())));
        if (page.data().isEmpty()) {
            return 0;
        }
        producer.beginTransaction();
        try {
            for (EventView event : page.data()) {
                ProducerRecord<String, String> record = new ProducerRecord<>(config.topic(), CloudEvents.key(tenant, event),
                        mapper.writeValueAsString(CloudEvents.of(config.source(), tenant, event)));
                record.headers().add("content-type", CloudEvents.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
                producer.send(record);
            }
            producer.send(new ProducerRecord<>(config.positionsTopic(), tenant, page.next()));
            producer.commitTransaction();
        } catch (JsonProcessingException | KafkaException e) {
            abort();
            throw new IllegalStateException("Relaying tenant " + tenant + "'s events failed", e);
        }
        positions.put(tenant, page.next());
        return page.data().size();
    }

    private void abort() {
        try {
            producer.abortTransaction();
        } catch (RuntimeException e) {
            LOG.debugf("Aborting the relay's transaction: %s", e);
        }
    }

    /** Holds the lease, taking it when free; a lost connection loses it (the database released the lock). */
    private boolean holdLease() {
        try {
            if (lease != null && lease.isValid(2)) {
                return true;
            }
            if (lease != null) {
                stop();
            }
            Connection connection = openLeaseConnection();
            try (PreparedStatement take = connection.prepareStatement(LEASE); ResultSet held = take.executeQuery()) {
                if (held.next() && held.getBoolean(1)) {
                    lease = connection;
                    return true;
                }
            }
            connection.close();
            return false;
        } catch (SQLException e) {
            throw new IllegalStateException("The relay's lease could not be checked", e);
        }
    }

    /**
     * A connection of the relay's own, not one of the pool's: it is held for as long as this instance leads, which
     * would take a slot from the requests for good. Named, so that an operator can tell it apart.
     */
    private Connection openLeaseConnection() throws SQLException {
        Properties settings = new Properties();
        databaseUser.ifPresent(user -> settings.setProperty("user", user));
        databasePassword.ifPresent(password -> settings.setProperty("password", password));
        settings.setProperty("ApplicationName", LEASE_APPLICATION);
        settings.setProperty("connectTimeout", "5");
        settings.setProperty("loginTimeout", "5");
        settings.setProperty("socketTimeout", "30");
        settings.setProperty("tcpKeepAlive", "true");
        Connection connection = new org.postgresql.Driver().connect(databaseUrl, settings);
        if (connection == null) {
            throw new SQLException("Not a PostgreSQL URL: " + databaseUrl);
        }
        return connection;
    }
}
