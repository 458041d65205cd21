package dev.torre.webhook;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.torre.platform.crypto.Sealer;
import dev.torre.platform.idempotency.Idempotency;
import dev.torre.platform.tenancy.TenantContext;

/**
 * Keeps a subscription's create answer for Idempotency-Key replays with its signing secret sealed (AES-GCM under
 * {@code torre.encryption.key}, bound to the tenant and subscription), never in clear: the idempotency table holds the
 * sealed value, and a replay, which only the same actor with the same scopes gets within the key's 24 hours, opens it
 * again. A secret that no longer opens (the encryption key was replaced) is left out of the replay.
 */
@ApplicationScoped
class SealedCreateAnswers implements Idempotency.Secrecy {

    @Inject
    Sealer sealer;

    @Inject
    ObjectMapper mapper;

    @Override
    public Object stored(Object body) {
        ObjectNode answer = mapper.valueToTree(body);
        String secret = answer.path("secret").asText(null);
        if (secret != null) {
            answer.put("secret", sealer.seal(place(answer), secret));
        }
        return answer;
    }

    @Override
    public String replayed(String stored) {
        try {
            ObjectNode answer = (ObjectNode) mapper.readTree(stored);
            String sealed = answer.path("secret").asText(null);
            if (sealed != null) {
                String secret = sealer.open(place(answer), sealed);
                if (secret == null) {
                    answer.remove("secret");
                } else {
                    answer.put("secret", secret);
                }
            }
            return mapper.writeValueAsString(answer);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("A stored webhook answer could not be read", e);
        }
    }

    /** Bound to the subscription, under a property of its own, so the sealed copy cannot stand in for the live secret. */
    private static Sealer.Place place(ObjectNode answer) {
        return new Sealer.Place(TenantContext.current(), "webhook", UUID.fromString(answer.path("id").asText()), "created_secret");
    }
}
