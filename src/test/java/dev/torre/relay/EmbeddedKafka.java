package dev.torre.relay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A real single-node Kafka (KRaft, broker and controller in one) inside the test JVM, from the Kafka jars: no
 * Docker. Its storage is formatted fresh in {@code target/} and deleted afterwards; small settings keep it light.
 */
public class EmbeddedKafka implements QuarkusTestResourceLifecycleManager {

    private KafkaRaftServer server;
    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")).toAbsolutePath(), "kafka-");
            int broker = freePort();
            int controller = freePort();
            Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("controller.quorum.voters", "1@127.0.0.1:" + controller);
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + broker + ",CONTROLLER://127.0.0.1:" + controller);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + broker);
            props.put("controller.listener.names", "CONTROLLER");
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("log.dirs", dir.resolve("data").toString());
            props.put("num.partitions", "3");
            props.put("offsets.topic.replication.factor", "1");
            props.put("offsets.topic.num.partitions", "1");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("transaction.state.log.num.partitions", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            props.put("num.network.threads", "1");
            props.put("num.io.threads", "2");
            props.put("log.flush.interval.messages", "1000000");
            Path file = dir.resolve("server.properties");
            try (var out = Files.newOutputStream(file)) {
                props.store(out, null);
            }
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            int formatted = StorageTool.execute(new String[] { "format", "-t", Uuid.randomUuid().toString(), "-c", file.toString(),
                    "--ignore-formatted" }, new PrintStream(log, true, StandardCharsets.UTF_8));
            if (formatted != 0) {
                throw new IllegalStateException("Formatting Kafka's storage failed: " + log.toString(StandardCharsets.UTF_8));
            }
            server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
            server.startup();
            return Map.of("torre.kafka.bootstrap-servers", "127.0.0.1:" + broker);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // target/ is cleaned by the next build anyway
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
