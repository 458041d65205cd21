package dev.torre.platform.security;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import dev.torre.platform.crypto.Sealer;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.time.ServerClock;

/**
 * The key pairs (ES256) that sign Torre's own API-client tokens. They live in the database, the private half sealed
 * with a key derived from {@code torre.encryption.key}, so every instance signs with the same key and verifies what any
 * other signed: the first instance that needs a key makes it (under an advisory lock, so two starting at once make
 * one). Tokens name their key ({@code kid}); the public halves are published as a JWK set.
 * <p>
 * A rotation adds a key, which signs from then on. A key superseded by a newer one keeps verifying and stays published
 * until every token it can have signed has expired: the successor's creation plus the token lifetime, plus
 * {@code torre.oauth.signing-key-refresh} (another instance may sign with it that much longer, until it rereads the
 * keys) and {@code torre.oauth.clock-skew}. Then it is refused and unpublished, and the next rotation deletes it.
 */
@ApplicationScoped
public class SigningKeys {

    @Inject
    ServerClock clock;

    private static final String ALGORITHM = "ES256";

    /** One key pair; {@code retiresAt} null for the current (newest) one. */
    private record Key(String kid, PublicKey publicKey, PrivateKey privateKey, JWTParser verifier, Instant createdAt,
            Instant retiresAt) {

        boolean live(Instant now) {
            return retiresAt == null || now.isBefore(retiresAt);
        }
    }

    /** The keys as last read, newest first, and when (System.nanoTime) they were read. */
    private record Loaded(List<Key> keys, long readAt) {
    }

    /** A published key as the rotation answers it. */
    public record Published(String kid, Instant createdAt, Instant retiresAt) {
    }

    @Inject
    DataSource dataSource;

    @Inject
    Sealer sealer;

    @Inject
    OAuthConfig config;

    private volatile Loaded loaded;

    /** Signs the claims with the newest key, naming it in the header. */
    public String sign(JwtClaimsBuilder claims) {
        Key key = keys().get(0);
        return claims.jws().keyId(key.kid()).algorithm(SignatureAlgorithm.ES256).sign(key.privateKey());
    }

    /** The verifier of the live key a token names, or null when none has that id (after reading the keys again). */
    JWTParser verifier(String kid) {
        Key key = find(keys(), kid);
        Loaded known = loaded;
        if (key == null && kid != null && known != null && System.nanoTime() - known.readAt() > 1_000_000_000L) {
            loaded = null; // another instance may have added a key since; at most one reread a second for unknown ids
            key = find(keys(), kid);
        }
        return key == null ? null : key.verifier();
    }

    /** Whether a key this instance verified a token with is still live (a remembered token of a retired key is refused). */
    boolean live(String kid) {
        return find(keys(), kid) != null;
    }

    /** The public keys as a JWK set (RFC 7517): the current key and the superseded ones not yet retired. */
    public Map<String, Object> jwks() {
        List<Map<String, Object>> published = new ArrayList<>();
        Instant now = clock.now();
        for (Key key : keys()) {
            if (!key.live(now)) {
                continue;
            }
            try {
                PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key.publicKey());
                jwk.setKeyId(key.kid());
                jwk.setUse("sig");
                jwk.setAlgorithm(ALGORITHM);
                published.add(new LinkedHashMap<>(jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
            } catch (JoseException e) {
                throw new IllegalStateException("A signing key could not be written as a JWK", e);
            }
        }
        return Map.of("keys", published);
    }

    /**
     * Makes a new key current, on every instance within {@code torre.oauth.signing-key-refresh}, and deletes the keys
     * retired by now. Answers the published keys, newest first. Refused (409) while {@code torre.oauth.max-published-keys}
     * keys are still published, so rotations in a loop cannot grow the key set without bound.
     */
    public List<Published> rotate() {
        loaded = new Loaded(QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                lock(c);
                Instant now = clock.now();
                long published = load(c).stream().filter(k -> k.live(now)).count();
                if (published >= config.maxPublishedKeys()) {
                    throw new TorreException(ErrorCode.CONFLICT, published + " signing keys are published already; the oldest "
                            + "retires once every token it signed has expired, then rotate again");
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        delete from signing_key k where algorithm = ? and exists (
                            select 1 from signing_key n where n.algorithm = k.algorithm and n.created_at > k.created_at
                              and n.created_at < ?)
                        """)) {
                    ps.setString(1, ALGORITHM);
                    ps.setTimestamp(2, Timestamp.from(now.minus(retention())));
                    ps.executeUpdate();
                }
                make(c);
                return load(c);
            }
        }), System.nanoTime());
        Instant now = clock.now();
        return loaded.keys().stream().filter(k -> k.live(now)).map(k -> new Published(k.kid(), k.createdAt(), k.retiresAt())).toList();
    }

    /** How long a superseded key stays live after its successor was made: until every token it signed has expired. */
    private Duration retention() {
        return config.tokenLifetime().plus(config.signingKeyRefresh()).plus(config.clockSkew());
    }

    private Key find(List<Key> keys, String kid) {
        Instant now = clock.now();
        return keys.stream().filter(k -> k.kid().equals(kid) && k.live(now)).findFirst().orElse(null);
    }

    private List<Key> keys() {
        Loaded known = loaded;
        if (known == null || System.nanoTime() - known.readAt() > config.signingKeyRefresh().toNanos()) {
            synchronized (this) {
                known = loaded;
                if (known == null || System.nanoTime() - known.readAt() > config.signingKeyRefresh().toNanos()) {
                    known = new Loaded(QuarkusTransaction.requiringNew().call(this::loadOrMake), System.nanoTime());
                    loaded = known;
                }
            }
        }
        return known.keys();
    }

    private static void lock(Connection c) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(hashtext('torre.signing_key'))")) {
            lock.execute();
        }
    }

    private List<Key> loadOrMake() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            lock(c);
            List<Key> found = load(c);
            // none yet, or none this deployment's encryption key opens (it was replaced): a new one signs from now on
            if (!found.isEmpty()) {
                return found;
            }
            make(c);
            return load(c);
        }
    }

    /** The keys this deployment can open, newest first, each retiring a retention after the next newer one was made. */
    private List<Key> load(Connection c) throws Exception {
        List<Key> found = new ArrayList<>();
        KeyFactory factory = KeyFactory.getInstance("EC");
        try (PreparedStatement ps = c.prepareStatement(
                "select kid, public_key, private_key, created_at from signing_key where algorithm = ? order by created_at desc, kid")) {
            ps.setString(1, ALGORITHM);
            try (ResultSet rows = ps.executeQuery()) {
                while (rows.next()) {
                    String kid = rows.getString(1);
                    PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(rows.getString(2))));
                    String privatePart = sealer.open(place(kid), rows.getString(3));
                    if (privatePart == null) {
                        continue; // sealed under another encryption key
                    }
                    PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privatePart)));
                    JWTAuthContextInfo context = new JWTAuthContextInfo(publicKey, config.issuer());
                    context.setSignatureAlgorithm(Set.of(SignatureAlgorithm.ES256));
                    context.setGroupsPath("groups");
                    Instant created = rows.getTimestamp(4).toInstant();
                    Instant retires = found.isEmpty() ? null : found.get(found.size() - 1).createdAt().plus(retention());
                    found.add(new Key(kid, publicKey, privateKey, new DefaultJWTParser(context), created, retires));
                }
            }
        }
        return found;
    }

    private void make(Connection c) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        String kid = UUID.randomUUID().toString();
        try (PreparedStatement ps = c.prepareStatement(
                // after every existing key even if this instance's clock is behind the one that made the newest: the newest signs
                """
                insert into signing_key (kid, algorithm, public_key, private_key, created_at)
                values (?, ?, ?, ?, greatest(?, (select max(created_at) + interval '1 millisecond' from signing_key)))
                """)) {
            ps.setString(1, kid);
            ps.setString(2, ALGORITHM);
            ps.setString(3, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
            ps.setString(4, sealer.seal(place(kid), Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded())));
            ps.setTimestamp(5, Timestamp.from(clock.now()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("The signing key could not be stored", e);
        }
    }

    /** Where a private key is sealed: bound to its key id, so a sealed value copied to another row does not open. */
    private static Sealer.Place place(String kid) {
        return new Sealer.Place("torre", "signing_key", UUID.fromString(kid), "private_key");
    }
}
