package dev.torre.apiclient;

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
 * Keeps an API client's create answer for Idempotency-Key replays with its client secret sealed (AES-GCM under
 * {@code torre.encryption.key}, bound to the tenant and client), never in clear: only the same actor with the same key
 * and body gets it back within 24 hours. A secret that no longer opens (the encryption key was replaced) is left out.
 */
@ApplicationScoped
class SealedClientAnswers implements Idempotency.Secrecy {

    private static final String SECRET = "clientSecret";

    @Inject
    Sealer sealer;

    @Inject
    ObjectMapper mapper;

    @Override
    public Object stored(Object body) {
        ObjectNode answer = mapper.valueToTree(body);
        String secret = answer.path(SECRET).asText(null);
        if (secret != null) {
            answer.put(SECRET, sealer.seal(place(answer), secret));
        }
        return answer;
    }

    @Override
    public String replayed(String stored) {
        try {
            ObjectNode answer = (ObjectNode) mapper.readTree(stored);
            String sealed = answer.path(SECRET).asText(null);
            if (sealed != null) {
                String secret = sealer.open(place(answer), sealed);
                if (secret == null) {
                    answer.remove(SECRET);
                } else {
                    answer.put(SECRET, secret);
                }
            }
            return mapper.writeValueAsString(answer);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("A stored API client answer could not be read", e);
        }
    }

    /** Bound to the client, under a property of its own, so the sealed copy cannot stand in for anything else. */
    private static Sealer.Place place(ObjectNode answer) {
        return new Sealer.Place(TenantContext.current(), "api_client", UUID.fromString(answer.path("id").asText()), "created_secret");
    }
}
