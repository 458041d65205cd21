package dev.torre.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;

import dev.torre.platform.config.TorreConfig;

/**
 * Keys for the server's own sealed values, derived from the configured key material
 * ({@code torre.encryption.key}) with HKDF-SHA256 (RFC 5869), one per purpose: every instance of a deployment
 * derives the same keys, so what one seals another opens, and a key made for one purpose opens nothing of another.
 * The server does not start without the key: a random fallback would differ between instances and restarts.
 */
@Startup
@ApplicationScoped
public class ServerKeys {

    private static final byte[] SALT = "torre server keys v1".getBytes(StandardCharsets.UTF_8);

    @Inject
    TorreConfig config;

    private byte[] pseudoRandomKey;

    @PostConstruct
    void init() {
        String configured = config.encryption().key().orElseThrow(() -> new IllegalStateException(
                "torre.encryption.key (TORRE_ENCRYPTION_KEY) is required: 32 random bytes, base64-encoded, the same on"
                        + " every instance. It seals list cursors and encrypts sensitive properties."));
        byte[] material;
        try {
            material = Base64.getDecoder().decode(configured.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("torre.encryption.key must be base64-encoded");
        }
        if (material.length != 32) {
            throw new IllegalStateException("torre.encryption.key must be 32 bytes, base64-encoded");
        }
        pseudoRandomKey = hmac(SALT, material);
        Arrays.fill(material, (byte) 0);
    }

    /** The AES-256 key for one purpose, e.g. {@code keyset-cursor}. */
    public SecretKey derive(String purpose) {
        byte[] info = ("torre/" + purpose + "/v1").getBytes(StandardCharsets.UTF_8);
        byte[] block = Arrays.copyOf(info, info.length + 1);
        block[info.length] = 1;
        return new SecretKeySpec(hmac(pseudoRandomKey, block), "AES");
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
