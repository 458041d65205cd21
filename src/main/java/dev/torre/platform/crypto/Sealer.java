package dev.torre.platform.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.torre.platform.config.TorreConfig;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.TorreException;

/**
 * Encrypts sensitive property values with AES-256-GCM under the configured key: a fresh
 * 12-byte nonce per value, stored as {@code enc:v2:<base64(nonce + ciphertext)>}. The
 * associated data binds the value to where it lives — tenant, object type, record id and
 * property name — so a sealed value copied into another property, record or tenant does not
 * open. Values of the first format ({@code enc:v1:}, bound to the tenant only) still open where
 * they are stored, and are sealed anew under the full binding the next time they are written.
 */
@ApplicationScoped
public class Sealer {

    /** Where a sealed value lives, which it is bound to. */
    public record Place(String tenant, String objectType, UUID recordId, String property) {

        byte[] associatedData() {
            return String.join("\u0000", "v2", tenant, objectType, recordId.toString(), property).getBytes(StandardCharsets.UTF_8);
        }
    }

    static final String PREFIX = "enc:v2:";
    static final String LEGACY_PREFIX = "enc:v1:";
    /** What any sealed value, of any version, starts with; input that looks like it is refused where it does not belong. */
    private static final Pattern SEALED = Pattern.compile("^enc:v[0-9]+:", Pattern.CASE_INSENSITIVE);
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

    /** Whether a value looks like a sealed value, whatever its version. */
    public static boolean isSealed(Object value) {
        return value instanceof String s && SEALED.matcher(s).find();
    }

    /**
     * A copy of a JSON-like value (maps, lists, Jackson trees) without any sealed-looking string:
     * entries holding one are left out, list items become null. Output paths that write stored
     * data without opening it (events, exports, stored answers) pass through it.
     */
    @SuppressWarnings("unchecked")
    public static <T> T withoutSealed(T value) {
        return (T) strip(value);
    }

    private static Object strip(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (!isSealed(v) && !(v instanceof JsonNode n && n.isTextual() && isSealed(n.textValue()))) {
                    out.put(k, strip(v));
                }
            });
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(isSealed(v) ? null : strip(v)));
            return out;
        }
        if (value instanceof ObjectNode object) {
            ObjectNode out = object.objectNode();
            object.properties().forEach(e -> {
                if (!(e.getValue().isTextual() && isSealed(e.getValue().textValue()))) {
                    out.set(e.getKey(), (JsonNode) strip(e.getValue()));
                }
            });
            return out;
        }
        if (value instanceof ArrayNode array) {
            ArrayNode out = array.arrayNode();
            array.forEach(v -> out.add(v.isTextual() && isSealed(v.textValue()) ? NullNode.getInstance() : (JsonNode) strip(v)));
            return out;
        }
        if (value instanceof TextNode text && isSealed(text.textValue())) {
            return NullNode.getInstance();
        }
        return isSealed(value) ? null : value;
    }

    public String seal(Place place, String plain) {
        requireKey();
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(place.associatedData());
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    /** The plain value, or null when it cannot be opened here (another key, another place, tampered). */
    public String open(Place place, String sealed) {
        if (key == null || sealed == null) {
            return null;
        }
        boolean legacy = sealed.startsWith(LEGACY_PREFIX);
        if (!legacy && !sealed.startsWith(PREFIX)) {
            return null;
        }
        try {
            byte[] all = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE));
            cipher.updateAAD(legacy ? place.tenant().getBytes(StandardCharsets.UTF_8) : place.associatedData());
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
