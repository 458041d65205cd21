package dev.torre.testing;

import java.security.PrivateKey;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Signs test tokens with the key pair of the test run. */
public final class Tokens {

    /** Written by {@link TorreTestResource}, which may run in another class loader than the tests. */
    static final java.nio.file.Path PRIVATE_KEY = java.nio.file.Path.of("target", "test-jwt-private.der");

    private static volatile PrivateKey signingKey;

    private Tokens() {
    }

    public static String admin(String tenant) {
        return of(tenant, "admin", null);
    }

    public static String readonly(String tenant) {
        return of(tenant, "readonly", null);
    }

    /** A token of a role, optionally narrowed by a space-separated scope claim. */
    public static String of(String tenant, String role, String scope) {
        return of(tenant, role, scope, "tester");
    }

    /** The same for another actor (the token's subject). */
    public static String of(String tenant, String role, String scope, String subject) {
        JwtClaimsBuilder claims = Jwt.issuer("torre-dev").subject(subject).groups(Set.of(role));
        if (tenant != null) {
            claims.claim("tid", tenant);
        }
        if (scope != null) {
            claims.claim("scope", scope);
        }
        return claims.sign(key());
    }

    /** Signs claims built by the test itself (an expired token, another issuer) with the trusted key. */
    public static String sign(JwtClaimsBuilder claims) {
        return claims.sign(key());
    }

    private static PrivateKey key() {
        if (signingKey == null) {
            try {
                byte[] der = java.nio.file.Files.readAllBytes(PRIVATE_KEY);
                signingKey = java.security.KeyFactory.getInstance("RSA")
                        .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(der));
            } catch (java.io.IOException | java.security.GeneralSecurityException e) {
                throw new IllegalStateException("The test key pair is missing", e);
            }
        }
        return signingKey;
    }

    /** A well-formed token signed by a key the server does not trust. */
    public static String foreign(String tenant) {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Jwt.issuer("torre-dev").subject("intruder").groups(Set.of("admin")).claim("tid", tenant)
                    .sign(generator.generateKeyPair().getPrivate());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
