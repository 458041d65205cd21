package dev.torre.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives the test run a real PostgreSQL and a signing key. Unless TORRE_TEST_DB_URL names a
 * database, it starts a new throwaway cluster with the same launcher as the dev command
 * ({@code bin/pg-local}); the key pair is made fresh for every run.
 */
public class TorreTestResource implements QuarkusTestResourceLifecycleManager {

    private static final Path CLUSTER = Path.of("target", "test-pg");
    private boolean started;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        String url = System.getenv("TORRE_TEST_DB_URL");
        if (url != null) {
            config.put("quarkus.datasource.jdbc.url", url);
            config.put("quarkus.datasource.username", envOr("TORRE_TEST_DB_USER", "torre"));
            config.put("quarkus.datasource.password", envOr("TORRE_TEST_DB_PASSWORD", "torre"));
            String owner = System.getenv("TORRE_TEST_DB_OWNER_USER");
            if (owner != null) {
                config.put("quarkus.flyway.username", owner);
                config.put("quarkus.flyway.password", envOr("TORRE_TEST_DB_OWNER_PASSWORD", owner));
            }
        } else {
            Map<String, String> pg = run("fresh", CLUSTER.toString(), "--fast");
            started = true;
            config.put("quarkus.datasource.jdbc.url", pg.get("JDBC_URL"));
            config.put("quarkus.datasource.username", pg.get("USERNAME"));
            config.put("quarkus.datasource.password", pg.get("PASSWORD"));
            config.put("quarkus.flyway.username", pg.get("OWNER_USERNAME"));
            config.put("quarkus.flyway.password", pg.get("OWNER_PASSWORD"));
        }
        config.put("mp.jwt.verify.publickey.location", writePublicKey().toAbsolutePath().toString());
        config.putAll(writePortalKeys());
        byte[] propertyKey = new byte[32];
        new java.security.SecureRandom().nextBytes(propertyKey);
        config.put("torre.encryption.key", Base64.getEncoder().encodeToString(propertyKey));
        return config;
    }

    @Override
    public void stop() {
        if (started) {
            run("drop", CLUSTER.toString());
        }
    }

    /** Whether the suite runs on its own cluster, which a test may stop and start (not on TORRE_TEST_DB_URL's). */
    public static boolean ownsDatabase() {
        return System.getenv("TORRE_TEST_DB_URL") == null;
    }

    /** Stops the suite's cluster: a fast shutdown, or as if the server had crashed ({@code immediate}). */
    public static void stopDatabase(boolean immediate) {
        if (immediate) {
            run("stop", CLUSTER.toString(), "--immediate");
        } else {
            run("stop", CLUSTER.toString());
        }
    }

    /** Starts the suite's cluster again, on the port it had, so the running server can reconnect. */
    public static void startDatabase() {
        run("start", CLUSTER.toString(), "--fast");
    }

    private static Path writePublicKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(Path.of("target"));
            Files.write(Tokens.PRIVATE_KEY, pair.getPrivate().getEncoded());
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            Path file = Files.createDirectories(Path.of("target")).resolve("test-jwt-public.pem");
            Files.writeString(file, pem);
            return file;
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException("Could not make the test key pair", e);
        }
    }

    /** The preference portal's own key pair, made fresh like the token key; only the server holds it. */
    private static Map<String, String> writePortalKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path dir = Files.createDirectories(Path.of("target"));
            Path privateKey = dir.resolve("test-portal-private.pem");
            Path publicKey = dir.resolve("test-portal-public.pem");
            Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            return Map.of("torre.portal.private-key-location", privateKey.toAbsolutePath().toString(),
                    "torre.portal.public-key-location", publicKey.toAbsolutePath().toString());
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException("Could not make the portal key pair", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static Map<String, String> run(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "bin/pg-local";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("bin/pg-local " + String.join(" ", args) + " failed");
            }
            Map<String, String> values = new HashMap<>();
            out.lines().filter(l -> l.contains("=")).forEach(l -> values.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
