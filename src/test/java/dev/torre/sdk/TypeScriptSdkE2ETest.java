package dev.torre.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Api;
import dev.torre.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Runs the TypeScript SDK's own suite ({@code clients/typescript}, {@code npm test}) against
 * this test server and its database: the drift check of the generated types, strict
 * compilation, the README's walk-through through the SDK, the GraphQL documents against the
 * schema, and the graphql-http conformance audit. Installs the SDK's locked dependencies
 * with {@code npm ci} when they are missing. Skipped only where Node.js is not installed.
 */
@QuarkusTest
class TypeScriptSdkE2ETest {

    private static final Path SDK = Path.of("clients", "typescript");

    @TestHTTPResource("/")
    URL server;

    @Test
    void theSdkSuitePassesAgainstTheRunningServer() throws IOException, InterruptedException {
        assumeTrue(available("node") && available("npm"), "Node.js 20+ and npm are not installed; the TypeScript SDK suite was not run");
        if (!Files.isDirectory(SDK.resolve("node_modules"))) {
            assertEquals(0, run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of()), "npm ci failed in " + SDK);
        }
        Files.deleteIfExists(Path.of("target", "typescript-sdk.log"));
        String base = server.toString().replaceAll("/$", "");
        int exit = run(List.of("npm", "test"), Map.of("TORRE_BASE_URL", base, "TORRE_TOKEN", Tokens.admin(Api.newTenant())));
        assertEquals(0, exit, "the TypeScript SDK suite failed; its output is above");
    }

    /** Runs a command in the SDK's folder; its output goes to target/typescript-sdk.log and, on failure, to the test's output. */
    private static int run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        Path log = Files.createDirectories(Path.of("target")).resolve("typescript-sdk.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(SDK.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        Process process = builder.start();
        int exit = process.waitFor(15, TimeUnit.MINUTES) ? process.exitValue() : -1;
        if (exit != 0) {
            process.destroyForcibly();
            System.out.println(String.join(" ", command) + " in " + SDK + " exited " + exit + ":\n" + Files.readString(log));
        }
        return exit;
    }

    private static boolean available(String tool) {
        try {
            Process process = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
