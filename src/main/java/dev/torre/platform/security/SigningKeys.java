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

/**
 * The key pairs (ES256) that sign Torre's own API-client tokens. They live in the database, the private half sealed
 * with a key derived from {@code torre.encryption.key}, so every instance signs with the same key and verifies what any
 * other signed: the first instance that needs a key makes it (under an advisory lock, so two starting at once make
 * one). Tokens name their key ({@code kid}); the public halves are published as a JWK set.
 */
@ApplicationScoped
public class SigningKeys {

    private static final String ALGORITHM = "ES256";

    /** One key pair; the newest signs, all verify. */
    private record Key(String kid, PublicKey publicKey, PrivateKey privateKey, JWTParser verifier) {
    }

    @Inject
    DataSource dataSource;

    @Inject
    Sealer sealer;

    @Inject
    OAuthConfig config;

    private volatile List<Key> keys;

    /** Signs the claims with the newest key, naming it in the header. */
    public String sign(JwtClaimsBuilder claims) {
        Key key = keys().get(0);
        return claims.jws().keyId(key.kid()).algorithm(SignatureAlgorithm.ES256).sign(key.privateKey());
    }

    /** The verifier of the key a token names, or null when no key has that id (after reading the keys again). */
    JWTParser verifier(String kid) {
        Key key = find(keys(), kid);
        if (key == null && kid != null) {
            keys = null; // another instance may have added a key since
            key = find(keys(), kid);
        }
        return key == null ? null : key.verifier();
    }

    /** The public keys as a JWK set (RFC 7517). */
    public Map<String, Object> jwks() {
        List<Map<String, Object>> published = new ArrayList<>();
        for (Key key : keys()) {
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

    private static Key find(List<Key> keys, String kid) {
        return keys.stream().filter(k -> k.kid().equals(kid)).findFirst().orElse(null);
    }

    private List<Key> keys() {
        List<Key> known = keys;
        if (known == null) {
            synchronized (this) {
                if (keys == null) {
                    keys = QuarkusTransaction.requiringNew().call(this::loadOrMake);
                }
                known = keys;
            }
        }
        return known;
    }

    private List<Key> loadOrMake() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(hashtext('torre.signing_key'))")) {
                lock.execute();
            }
            List<Key> found = load(c);
            // none yet, or none this deployment's encryption key opens (it was replaced): a new one signs from now on
            if (!found.isEmpty()) {
                return found;
            }
            make(c);
            return load(c);
        }
    }

    private List<Key> load(Connection c) throws Exception {
        List<Key> found = new ArrayList<>();
        KeyFactory factory = KeyFactory.getInstance("EC");
        try (PreparedStatement ps = c.prepareStatement(
                "select kid, public_key, private_key from signing_key where algorithm = ? order by created_at desc, kid")) {
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
                    found.add(new Key(kid, publicKey, privateKey, new DefaultJWTParser(context)));
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
                "insert into signing_key (kid, algorithm, public_key, private_key) values (?, ?, ?, ?)")) {
            ps.setString(1, kid);
            ps.setString(2, ALGORITHM);
            ps.setString(3, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
            ps.setString(4, sealer.seal(place(kid), Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded())));
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
