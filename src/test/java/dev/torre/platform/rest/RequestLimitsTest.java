package dev.torre.platform.rest;

import static dev.torre.testing.Api.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.torre.platform.error.ErrorCode;
import dev.torre.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Requests over the size limits answer a problem document like every other error: 414 for a request line, 431 for
 * headers, 413 for a body sent without a length. Sent with the JDK's client, since REST Assured's own limits and the
 * contract filter sit between a test and such requests.
 */
@QuarkusTest
class RequestLimitsTest {

    @TestHTTPResource("/v1/contacts")
    URI contacts;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    io.quarkus.runtime.configuration.MemorySize maxBody;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String token = Tokens.admin(newTenant());

    @Test
    void aRequestLineOverTheLimitIsA414Problem() throws Exception {
        URI tooLong = URI.create(contacts + "?filter=" + "lastName%20eq%20%22x%22%20or%20".repeat(700) + "lastName%20pr");
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(tooLong).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(ErrorCode.URI_TOO_LONG, answer);
    }

    @Test
    void headersOverTheLimitAreA431Problem() throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(contacts).header("Authorization", "Bearer " + token);
        for (int i = 0; i < 30; i++) {
            request.header("X-Padding-" + i, "p".repeat(1000));
        }
        assertProblem(ErrorCode.HEADERS_TOO_LARGE, client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString()));
    }

    /**
     * Over a raw socket: a JSON body streams in chunks past the cap while the answer is read. GraphQL's body handler
     * fails the request at the cap; a REST resource reads its body through Quarkus REST's own stream, which must stop
     * at the cap the same way (and not hand Jackson a body cut at the cap, a 400).
     */
    @ParameterizedTest
    @ValueSource(strings = {"/graphql", "/v1/contacts"})
    void aBodyWithoutALengthPastTheCapIsA413Problem(String path) throws Exception {
        long cap = maxBody.asLongValue();
        try (Socket socket = new Socket(contacts.getHost(), contacts.getPort())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: " + contacts.getHost() + "\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Thread writer = new Thread(() -> {
                byte[] filler = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
                try {
                    chunk(out, "{\"firstName\":\"".getBytes(StandardCharsets.US_ASCII));
                    for (long sent = 0; sent <= cap + filler.length; sent += filler.length) {
                        chunk(out, filler);
                    }
                    chunk(out, "\"}".getBytes(StandardCharsets.US_ASCII));
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException closedByTheServer) {
                    // the server answered and closed before the body ended, as it may
                }
            });
            writer.start();
            java.io.InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (head.indexOf("\r\n\r\n") < 0) {
                int b = in.read();
                assertTrue(b >= 0, "the connection closed without an answer: " + head);
                head.append((char) b);
            }
            String lower = head.toString().toLowerCase(java.util.Locale.ROOT);
            ErrorCode code = ErrorCode.PAYLOAD_TOO_LARGE;
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("content-length: *(\\d+)").matcher(lower);
            String body = length.find() ? new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8) : "";
            socket.close(); // stops the writer
            writer.join(60_000);
            assertTrue(lower.startsWith("http/1.1 413"), lower + body);
            assertTrue(lower.contains("content-type: application/problem+json"), lower);
            JsonPath problem = JsonPath.from(body);
            assertEquals(code.status(), problem.getInt("status"));
            assertEquals(code.type(), problem.getString("type"));
        }
    }

    private static void chunk(OutputStream out, byte[] data) throws IOException {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static void assertProblem(ErrorCode code, HttpResponse<String> answer) {
        assertEquals(code.status(), answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                answer.headers().map() + " " + answer.body());
        JsonPath problem = JsonPath.from(answer.body());
        assertEquals(code.status(), problem.getInt("status"));
        assertEquals(code.type(), problem.getString("type"));
        assertTrue(List.of("detail", "title", "instance").stream().allMatch(k -> problem.getString(k) != null), answer.body());
    }
}
