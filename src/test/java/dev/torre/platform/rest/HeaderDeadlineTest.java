package dev.torre.platform.rest;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.torre.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A client that drips its request headers (slow loris) is cut off with a 408 once {@code torre.http.header-deadline}
 * has passed, whatever it keeps sending, on a new connection and on a kept-alive one; a normal request, and a body sent
 * slowly after complete headers, are served. Raw sockets, paced by the read timeout that waits for the server's
 * answer between two dripped bytes (the deadline here is 1 s; nothing is timed, only the outcome is checked).
 */
@QuarkusTest
@TestProfile(HeaderDeadlineTest.ShortDeadline.class)
class HeaderDeadlineTest {

    /** A deadline short enough for a test, far below Vert.x's idle timeout (30 minutes), which cannot be what closes. */
    public static class ShortDeadline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("torre.http.header-deadline", "1s");
        }
    }

    /** How long one read waits for the server before the next byte is dripped. */
    private static final int PACE_MS = 250;
    /** Far more drips than the deadline allows: the loop ends with the server's answer, long before this. */
    private static final int MAX_DRIPS = 400;

    private static final String CLOSED = "<closed>";

    @TestHTTPResource("/")
    URI server;

    private final String token = Tokens.admin(newTenant());

    @Test
    void aClientDrippingHeaderLinesIsCutOffWithA408Problem() throws IOException {
        try (Socket socket = connect()) {
            send(socket, "GET /v1/contacts HTTP/1.1\r\nHost: torre\r\nAuthorization: Bearer " + token + "\r\n");
            String answer = dripUntilAnswered(socket, "X-Slow: 1\r\n");
            assertRefused(answer);
        }
    }

    @Test
    void aKeptAliveConnectionTimesEachRequestsHeadersAgain() throws IOException {
        try (Socket socket = connect()) {
            send(socket, "GET /v1/contacts?limit=1 HTTP/1.1\r\nHost: torre\r\nAuthorization: Bearer " + token + "\r\n\r\n");
            String first = readAnswer(socket);
            assertTrue(first.startsWith("HTTP/1.1 200"), first);
            send(socket, "GET /v1/contacts HTTP/1.1\r\nHost: torre\r\n");
            assertRefused(dripUntilAnswered(socket, "X-Slow: 1\r\n"));
        }
    }

    @Test
    void aBodySentSlowlyAfterCompleteHeadersIsServed() throws IOException {
        String body = "{\"firstName\":\"Slow\"}";
        try (Socket socket = connect()) {
            send(socket, "POST /v1/contacts HTTP/1.1\r\nHost: torre\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n");
            // one byte per pause: the body takes several deadlines to arrive, and only its head was timed
            String answer = "";
            for (int i = 0; i < body.length() && answer.isEmpty(); i++) {
                send(socket, body.substring(i, i + 1));
                answer = readUntilQuiet(socket);
            }
            if (answer.isEmpty()) {
                answer = readAnswer(socket);
            }
            assertTrue(answer.startsWith("HTTP/1.1 201"), answer);
        }
    }

    @Test
    void aNormalRequestIsServed() {
        admin(newTenant()).when().get("/v1/contacts").then().statusCode(200);
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(server.getHost(), server.getPort());
        socket.setSoTimeout(PACE_MS);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Sends one more line whenever the server stays silent for a pause; returns what it answered once it did. */
    private static String dripUntilAnswered(Socket socket, String line) throws IOException {
        for (int i = 0; i < MAX_DRIPS; i++) {
            String answer = readUntilQuiet(socket);
            if (!answer.isEmpty()) {
                return answer.endsWith(CLOSED) ? answer : answer + readAnswer(socket);
            }
            send(socket, line);
        }
        return "";
    }

    /** What the server sends next, waiting up to 30 s for its first byte, until it closes or falls silent. */
    private static String readAnswer(Socket socket) throws IOException {
        socket.setSoTimeout(30_000);
        int first = socket.getInputStream().read();
        socket.setSoTimeout(PACE_MS);
        return first < 0 ? CLOSED : (char) first + readUntilQuiet(socket);
    }

    /** What the server sent until it closed the connection or stayed silent for a pause ("" when it sent nothing). */
    private static String readUntilQuiet(Socket socket) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                read.write(buffer, 0, n);
            }
            read.write(CLOSED.getBytes(StandardCharsets.US_ASCII));
        } catch (SocketTimeoutException quiet) {
            // nothing more for now
        }
        return read.toString(StandardCharsets.UTF_8);
    }

    private static void assertRefused(String answer) {
        assertTrue(answer.startsWith("HTTP/1.1 408 "), answer);
        assertTrue(answer.contains("Content-Type: application/problem+json"), answer);
        assertTrue(answer.contains("\"type\":\"/problems/request-timeout\""), answer);
        assertTrue(answer.endsWith(CLOSED), "the server closes the connection: " + answer);
    }
}
