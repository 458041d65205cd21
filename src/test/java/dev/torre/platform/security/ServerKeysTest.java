package dev.torre.platform.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.torre.platform.config.TorreConfig;

/** The server's own keys come from the configured key material, the same on every instance, one per purpose. */
class ServerKeysTest {

    private static ServerKeys keys(String configured) {
        TorreConfig.Encryption encryption = () -> Optional.ofNullable(configured);
        ServerKeys keys = new ServerKeys();
        keys.config = (TorreConfig) Proxy.newProxyInstance(TorreConfig.class.getClassLoader(), new Class<?>[] { TorreConfig.class },
                (proxy, method, args) -> {
                    if (method.getName().equals("encryption")) {
                        return encryption;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        keys.init();
        return keys;
    }

    private static String material(int seed) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) seed);
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void twoInstancesWithTheSameKeyDeriveTheSameKeys() {
        byte[] one = keys(material(7)).derive("keyset-cursor").getEncoded();
        byte[] other = keys(material(7)).derive("keyset-cursor").getEncoded();
        assertArrayEquals(one, other);
        assertEquals(32, one.length);
        assertEquals("AES", keys(material(7)).derive("keyset-cursor").getAlgorithm());
    }

    @Test
    void eachPurposeAndEachKeyGivesAnotherKey() {
        ServerKeys keys = keys(material(7));
        assertFalse(Arrays.equals(keys.derive("keyset-cursor").getEncoded(), keys.derive("something-else").getEncoded()));
        assertFalse(Arrays.equals(keys.derive("keyset-cursor").getEncoded(), keys(material(8)).derive("keyset-cursor").getEncoded()));
        // never the configured key itself
        assertFalse(Arrays.equals(Base64.getDecoder().decode(material(7)), keys.derive("keyset-cursor").getEncoded()));
    }

    @Test
    void theServerDoesNotStartWithoutAUsableKey() {
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> keys(null));
        assertTrue(missing.getMessage().contains("TORRE_ENCRYPTION_KEY"), missing.getMessage());
        assertThrows(IllegalStateException.class, () -> keys(Base64.getEncoder().encodeToString(new byte[16])));
        assertThrows(IllegalStateException.class, () -> keys("not base64 at all!"));
    }
}
