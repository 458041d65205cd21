package dev.torre.platform.query;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Makes cursors opaque: AES-256-GCM under a server key with a fresh nonce each time, the tenant as associated data,
 * written as base64url of {@code version · nonce · ciphertext+tag}. A caller can neither read a cursor's values nor
 * change them, and a cursor opens only for the tenant it was made for.
 */
final class CursorSeal {

    private static final byte VERSION = 1;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    CursorSeal(SecretKey key) {
        this.key = key;
    }

    String seal(byte[] plain, String tenant) {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(tenant));
            byte[] sealed = cipher.doFinal(plain);
            return BASE64.encodeToString(ByteBuffer.allocate(1 + NONCE + sealed.length).put(VERSION).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a cursor", e);
        }
    }

    /** The plain bytes, or empty when the text is not a cursor this server sealed for this tenant. */
    Optional<byte[]> open(String cursor, String tenant) {
        byte[] all;
        try {
            all = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        // Only the one spelling seal() produces is accepted, so an altered padding bit is noticed too.
        if (all.length < 1 + NONCE + TAG_BITS / 8 || all[0] != VERSION || !BASE64.encodeToString(all).equals(cursor)) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 1, NONCE));
            cipher.updateAAD(associatedData(tenant));
            return Optional.of(cipher.doFinal(all, 1 + NONCE, all.length - 1 - NONCE));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static byte[] associatedData(String tenant) {
        return ("keyset-cursor\u0000" + VERSION + "\u0000" + (tenant == null ? "" : tenant)).getBytes(StandardCharsets.UTF_8);
    }
}
