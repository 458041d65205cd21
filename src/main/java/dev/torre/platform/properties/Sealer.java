package dev.torre.platform.properties;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.torre.platform.config.TorreConfig;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.TorreException;

/**
 * Encrypts sensitive property values with AES-256-GCM under the configured key: a fresh
 * 12-byte nonce per value, the tenant as associated data (a value copied into another
 * tenant does not decrypt), stored as {@code enc:v1:<base64(nonce + ciphertext)>}.
 */
@ApplicationScoped
public class Sealer {

    static final String PREFIX = "enc:v1:";
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    @Inject
    TorreConfig config;

    private final SecureRandom random = new SecureRandom();
    private SecretKey key;

    @PostConstruct
    void init() {
        Optional<String> configured = config.encryption().key();
        if (configured.isPresent()) {
            byte[] bytes = Base64.getDecoder().decode(configured.get().trim());
            if (bytes.length != 32) {
                throw new IllegalStateException("torre.encryption.key must be 32 bytes, base64-encoded");
            }
            key = new SecretKeySpec(bytes, "AES");
        }
    }

    public boolean available() {
        return key != null;
    }

    public static boolean isSealed(Object value) {
        return value instanceof String s && s.startsWith(PREFIX);
    }

    public String seal(String tenant, String plain) {
        requireKey();
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(tenant.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    /** The plain value, or null when it cannot be opened (another key, another tenant, tampered). */
    public String open(String tenant, String sealed) {
        if (key == null || !isSealed(sealed)) {
            return null;
        }
        try {
            byte[] all = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE));
            cipher.updateAAD(tenant.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(all, NONCE, all.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    private void requireKey() {
        if (key == null) {
            throw new TorreException(ErrorCode.UNAVAILABLE, "Sensitive properties need an encryption key (torre.encryption.key) on this server");
        }
    }
}
