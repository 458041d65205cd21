package dev.torre.platform.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.persistence.RetriesConcurrency;
import dev.torre.platform.security.GrantedScopes;
import dev.torre.platform.security.Permissions;
import dev.torre.platform.tenancy.Caller;

/**
 * Honours the {@code Idempotency-Key} header of a POST. The key is claimed in the same
 * transaction as the work it guards, so a stored answer exists exactly when the work was
 * committed: a replay returns it, a concurrent duplicate waits on the key's row and then
 * replays, and a failed attempt leaves no trace and may be retried. Keys live 24 hours.
 * Keys are the actor's own (tenant and token subject): another actor's same key is another
 * key. A replay is authorised like the request it repeats: the scopes that request was
 * granted are stored with its answer and must still be granted to the caller.
 */
@ApplicationScoped
public class Idempotency {

    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper mapper;

    @Inject
    GrantedScopes granted;

    @Inject
    Permissions permissions;

    private ObjectMapper canonical;

    /**
     * How an answer that shows a secret once is kept for replays: {@code stored} turns the answer into what is stored
     * (the secret sealed), {@code replayed} turns the stored JSON text back into the answer (the secret opened).
     */
    public interface Secrecy {

        Secrecy NONE = new Secrecy() {
            @Override
            public Object stored(Object body) {
                return body;
            }

            @Override
            public String replayed(String stored) {
                return stored;
            }
        };

        Object stored(Object body);

        String replayed(String stored);
    }

    @PostConstruct
    void init() {
        canonical = mapper.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    }

    @Transactional
    @RetriesConcurrency
    public Outcome execute(String key, String operation, Object request, Supplier<Outcome> work) {
        return execute(key, operation, request, work, Secrecy.NONE);
    }

    /** As {@link #execute(String, String, Object, Supplier)}, keeping the answer as {@code secrecy} says. */
    @Transactional
    @RetriesConcurrency
    public Outcome execute(String key, String operation, Object request, Supplier<Outcome> work, Secrecy secrecy) {
        if (key == null) {
            return work.get();
        }
        if (!KEY.matcher(key).matches()) {
            throw new TorreException(ErrorCode.VALIDATION, "Idempotency-Key must be 1 to 255 visible ASCII characters",
                    List.of(new FieldError("Idempotency-Key", "invalid_value", "1 to 255 visible ASCII characters")));
        }
        String hash = hash(operation, request);
        String actor = Objects.requireNonNullElse(caller.actor(), "");
        int claimed = em.createNativeQuery("""
                insert into idempotency_key (tenant_id, actor, key, operation, request_hash, status, body, scopes)
                values (?1, ?2, ?3, ?4, ?5, 0, '', '{}')
                on conflict (tenant_id, actor, key) do update set created_at = now(), operation = excluded.operation,
                    request_hash = excluded.request_hash, status = 0, body = '', location = null, etag = null,
                    scopes = '{}'
                where idempotency_key.created_at < now() - interval '24 hours'
                """)
                .setParameter(1, caller.tenant()).setParameter(2, actor).setParameter(3, key).setParameter(4, operation)
                .setParameter(5, hash)
                .executeUpdate();
        if (claimed == 0) {
            return replay(actor, key, hash, secrecy);
        }
        sweepNowAndThen();
        Outcome outcome = work.get();
        em.createNativeQuery("""
                update idempotency_key set status = ?4, location = ?5, etag = ?6, body = ?7, scopes = ?8
                where tenant_id = ?1 and actor = ?2 and key = ?3
                """)
                .setParameter(1, caller.tenant()).setParameter(2, actor).setParameter(3, key).setParameter(4, outcome.status())
                .setParameter(5, outcome.location()).setParameter(6, outcome.etag()).setParameter(7, json(secrecy.stored(outcome.body())))
                .setParameter(8, granted.all().toArray(String[]::new))
                .executeUpdate();
        return outcome;
    }

    /** Expired keys are mostly reused in place; about one claim in a thousand also clears the tenant's old ones. */
    private void sweepNowAndThen() {
        if (ThreadLocalRandom.current().nextInt(1000) == 0) {
            em.createNativeQuery("delete from idempotency_key where tenant_id = ?1 and created_at < now() - interval '24 hours'")
                    .setParameter(1, caller.tenant()).executeUpdate();
        }
    }

    private Outcome replay(String actor, String key, String hash, Secrecy secrecy) {
        Object[] row = (Object[]) em.createNativeQuery("""
                select request_hash, status, location, etag, body, scopes from idempotency_key
                where tenant_id = ?1 and actor = ?2 and key = ?3
                """).setParameter(1, caller.tenant()).setParameter(2, actor).setParameter(3, key).getSingleResult();
        // Authorisation first: a caller that may no longer do what the first request did learns nothing about it.
        for (String scope : (String[]) row[5]) {
            if (!permissions.allows(scope)) {
                throw new TorreException(ErrorCode.FORBIDDEN, "Your role or token does not allow '" + scope
                        + "', which this request needs");
            }
        }
        if (!hash.equals(row[0])) {
            throw new TorreException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used with a different request; use a new key for a new request");
        }
        return new Outcome(((Number) row[1]).intValue(), (String) row[2], (String) row[3], secrecy.replayed((String) row[4]), true);
    }

    private String hash(String operation, Object request) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(operation.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(canonical.writeValueAsBytes(request));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("Could not fingerprint the request", e);
        }
    }

    private String json(Object body) {
        try {
            return dev.torre.platform.properties.PropertyDefinitions.forStorage(() -> {
                try {
                    return mapper.writeValueAsString(body);
                } catch (JsonProcessingException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw new IllegalStateException("Could not store the response", e);
        }
    }
}
