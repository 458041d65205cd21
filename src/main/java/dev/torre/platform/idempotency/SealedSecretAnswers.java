package dev.torre.platform.idempotency;

import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.torre.platform.crypto.Sealer;
import dev.torre.platform.tenancy.TenantContext;

/**
 * Keeps a create answer that shows a secret once (a webhook's signing secret, an API client's secret) for
 * Idempotency-Key replays with that secret sealed (AES-GCM under {@code torre.encryption.key}, bound to the tenant,
 * the record and a property of its own, so the sealed copy cannot stand in for the live secret), never in clear. A
 * replay, which only the same actor with the same key, body and scopes gets within 24 hours, opens it again; a secret
 * that no longer opens (the encryption key was replaced) is left out of the replay.
 */
public abstract class SealedSecretAnswers implements Idempotency.Secrecy {

    private final String type;
    private final String field;
    private final Sealer sealer;
    private final ObjectMapper mapper;

    /** {@code type}: the sealed place's record type; {@code field}: the answer's property that holds the secret. */
    protected SealedSecretAnswers(String type, String field, Sealer sealer, ObjectMapper mapper) {
        this.type = type;
        this.field = field;
        this.sealer = sealer;
        this.mapper = mapper;
    }

    @Override
    public Object stored(Object body) {
        ObjectNode answer = mapper.valueToTree(body);
        String secret = answer.path(field).asText(null);
        if (secret != null) {
            answer.put(field, sealer.seal(place(answer), secret));
        }
        return answer;
    }

    @Override
    public String replayed(String stored) {
        try {
            ObjectNode answer = (ObjectNode) mapper.readTree(stored);
            String sealed = answer.path(field).asText(null);
            if (sealed != null) {
                String secret = sealer.open(place(answer), sealed);
                if (secret == null) {
                    answer.remove(field);
                } else {
                    answer.put(field, secret);
                }
            }
            return mapper.writeValueAsString(answer);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("A stored " + type + " answer could not be read", e);
        }
    }

    private Sealer.Place place(ObjectNode answer) {
        return new Sealer.Place(TenantContext.current(), type, UUID.fromString(answer.path("id").asText()), "created_secret");
    }
}
