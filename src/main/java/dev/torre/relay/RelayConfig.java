package dev.torre.relay;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Kafka relay ({@code torre.kafka.*}, or {@code TORRE_KAFKA_*} in the environment): off unless
 * {@code TORRE_KAFKA_BOOTSTRAP_SERVERS} names the brokers.
 */
@ConfigMapping(prefix = "torre.kafka")
public interface RelayConfig {

    /** The brokers, host:port comma-separated; without them the relay is off. */
    Optional<String> bootstrapServers();

    /** The topic events are published to, keyed by {@code tenant:recordId}. */
    @WithDefault("torre.events")
    String topic();

    /**
     * The compacted topic holding each tenant's relayed position in the event log, written in the same Kafka
     * transaction as the events, so that position and events are committed together.
     */
    @WithDefault("torre.events.positions")
    String positionsTopic();

    /**
     * The producer's transactional id: the same on every instance, so that a relay taking over fences any
     * predecessor still running and aborts what it left open.
     */
    @WithDefault("torre-relay")
    String transactionalId();

    /** The CloudEvents {@code source} prefix; the tenant id is appended ({@code /torre/tenants/acme}). */
    @WithDefault("/torre/tenants/")
    String source();

    Relay relay();

    /** The loop that relays. */
    interface Relay {
        /** Whether this instance may run the relay loop (tests drive it directly instead). */
        @WithDefault("true")
        boolean enabled();

        /** How often the active relay looks for new events. */
        @WithDefault("1s")
        String every();

        /** Events published per tenant in one Kafka transaction. */
        @WithDefault("500")
        int batch();
    }
}
