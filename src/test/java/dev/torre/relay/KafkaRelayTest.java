package dev.torre.relay;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The relay against a real single-node KRaft broker: every committed event of the log reaches the topic once, as a
 * CloudEvent keyed by tenant and record, in each tenant's feed order — across a clean restart and a crash in the
 * middle of a Kafka transaction, with no gap and no duplicate for a consumer reading committed records.
 */
@QuarkusTest
@TestProfile(KafkaRelayTest.KafkaOn.class)
class KafkaRelayTest {

    /** A broker of the test's own; the relay loop stays off and the test drives it. */
    public static class KafkaOn implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(EmbeddedKafka.class));
        }
    }

    @Inject
    KafkaRelay relay;

    @Inject
    RelayConfig config;

    @Inject
    javax.sql.DataSource dataSource;

    /** Longest the test waits for an outside process (the broker, a database backend) to reach the state it expects. */
    private static final Duration BOUND = Duration.ofSeconds(60);

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void relaysEveryEventOnceInFeedOrderAcrossARestartAndACrash() throws Exception {
        String acme = newTenant();
        String umbrella = newTenant();
        write(acme, 3);
        write(umbrella, 2);
        assertTrue(relay.relay() >= 5);
        assertExactlyTheFeed(acme, umbrella);

        // a clean restart: the next relay resumes from the committed positions
        relay.stop();
        write(acme, 2);
        assertTrue(relay.relay() >= 2);
        assertExactlyTheFeed(acme, umbrella);

        // a crash between sending a page and committing it: the page is aborted, then relayed once
        write(umbrella, 2);
        crashMidBatch(umbrella);
        write(acme, 1);
        assertTrue(relay.relay() >= 3);
        assertExactlyTheFeed(acme, umbrella);
        assertEquals(0, relay.relay(), "nothing left to relay");
    }

    @Test
    void theLeaseIsAConnectionOfItsOwnNotOneOfThePools() throws Exception {
        write(newTenant(), 1);
        // a relay that leads publishes the new tenant's events; a lease given back by an earlier test may still be
        // held for a moment by its closing backend, and then this relay does not lead yet
        await("the relay to lead").atMost(BOUND).pollInSameThread().until(() -> relay.relay() > 0);
        // an advisory lock has one holder: the relay's connection, named as no pool connection is
        assertEquals(1, leaseConnections(), "the leading relay holds its lock on its own, named connection");
        relay.stop();
        // closing returns before the server process behind the connection has ended and let go of its locks
        await("stopping to give the lease back").atMost(BOUND).pollInSameThread().until(() -> leaseConnections() == 0);
    }

    @Test
    void eachEventIsAStructuredCloudEventKeyedByTenantAndRecord() throws Exception {
        String tenant = newTenant();
        String id = admin(tenant).body(Map.of("firstName", "Ana")).when().post("/v1/contacts").then().statusCode(201).extract().path("id");
        relay.relay();
        ConsumerRecord<String, String> record = committed(records -> records.stream().anyMatch(r -> r.key().equals(tenant + ":" + id)))
                .stream().filter(r -> r.key().equals(tenant + ":" + id)).findFirst().orElseThrow();
        JsonNode event = json.readTree(record.value());
        assertEquals("1.0", event.get("specversion").asText());
        assertEquals("dev.torre.contact.created", event.get("type").asText());
        assertEquals("/torre/tenants/" + tenant, event.get("source").asText());
        assertEquals("contact/" + id, event.get("subject").asText());
        assertEquals(tenant, event.get("torretenant").asText());
        assertFalse(event.get("id").asText().isBlank());
        assertTrue(event.get("data").isObject());
        assertEquals(CloudEvents.CONTENT_TYPE, new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8));
    }

    /**
     * What a relay that dies mid-batch leaves behind: this instance's relay is gone, and a producer with the relay's
     * transactional id had sent records of the tenant in a transaction it never committed.
     */
    private void crashMidBatch(String tenant) {
        relay.stop();
        Map<String, Object> settings = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers().orElseThrow(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.transactionalId(), ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        KafkaProducer<String, String> dying = new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
        dying.initTransactions();
        dying.beginTransaction();
        for (int i = 0; i < 2; i++) {
            dying.send(new ProducerRecord<>(config.topic(), tenant + ":crashed-" + i, "{\"crashed\":true}"));
        }
        dying.flush();
        dying.close(Duration.ZERO); // no commit, no abort: the next relay must fence it and abort what it left open
    }

    /** Connections holding an advisory lock under the relay lease's application name. */
    private int leaseConnections() throws Exception {
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement();
                java.sql.ResultSet r = s.executeQuery("select count(*) from pg_locks l join pg_stat_activity a on a.pid = l.pid"
                        + " where l.locktype = 'advisory' and l.granted and a.application_name = '" + KafkaRelay.LEASE_APPLICATION + "'")) {
            r.next();
            return r.getInt(1);
        }
    }

    private void write(String tenant, int contacts) {
        for (int i = 0; i < contacts; i++) {
            String id = admin(tenant).body(Map.of("firstName", "C" + i)).when().post("/v1/contacts").then().statusCode(201)
                    .extract().path("id");
            admin(tenant).contentType("application/merge-patch+json").body(Map.of("lastName", "L" + i))
                    .when().patch("/v1/contacts/{id}", id).then().statusCode(200);
        }
    }

    /** The topic holds each of these tenants' feed events exactly once, and each partition in feed order. */
    private void assertExactlyTheFeed(String... tenants) throws Exception {
        Map<String, List<String>> feeds = new HashMap<>();
        for (String tenant : tenants) {
            feeds.put(tenant, admin(tenant).queryParam("limit", 1000).when().get("/v1/events").then().statusCode(200)
                    .extract().path("data.id"));
        }
        List<ConsumerRecord<String, String>> records = committed(all -> feeds.entrySet().stream().allMatch(feed ->
                all.stream().filter(r -> r.key().startsWith(feed.getKey() + ":")).count() >= feed.getValue().size()));
        for (String tenant : tenants) {
            List<String> feed = feeds.get(tenant);
            Map<Integer, List<String>> byPartition = new HashMap<>();
            List<String> relayed = new ArrayList<>();
            for (ConsumerRecord<String, String> r : records) {
                if (r.key().startsWith(tenant + ":")) {
                    JsonNode event = json.readTree(r.value());
                    assertFalse(event.has("crashed"), "an aborted record was read");
                    String id = event.get("id").asText();
                    relayed.add(id);
                    byPartition.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(id);
                }
            }
            assertEquals(feed.stream().sorted().toList(), relayed.stream().sorted().toList(), "every event once, none missing");
            for (List<String> partition : byPartition.values()) {
                List<String> inFeedOrder = feed.stream().filter(partition::contains).collect(Collectors.toList());
                assertEquals(inFeedOrder, partition, "a partition keeps the tenant's feed order");
            }
        }
    }

    /**
     * The committed records once they satisfy {@code expected}, or after {@link #BOUND} as they are then, for the
     * assertions to report: a Kafka commit returns before its markers reach the partitions, so consumers see it a
     * moment later.
     */
    private List<ConsumerRecord<String, String>> committed(java.util.function.Predicate<List<ConsumerRecord<String, String>>> expected) {
        try {
            return await("the committed records").atMost(BOUND).pollInterval(Duration.ofMillis(500)).pollInSameThread()
                    .until(this::committed, expected);
        } catch (ConditionTimeoutException e) {
            return committed();
        }
    }

    /** Every committed record of the events topic, partition by partition. */
    private List<ConsumerRecord<String, String>> committed() {
        Map<String, Object> settings = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers().orElseThrow(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(config.topic(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        records.sort((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
                : Long.compare(a.offset(), b.offset()));
        return records;
    }
}
