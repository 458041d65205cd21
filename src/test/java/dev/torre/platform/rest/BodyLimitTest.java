package dev.torre.platform.rest;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.torre.platform.config.TorreConfig;
import dev.torre.testing.Tokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A body over its endpoint's cap (1 MB; 8 MB for batches and import files) is refused with a readable 413 problem and
 * nothing is written: before it is sent (with {@code Expect: 100-continue}), and, without it, after the client has
 * sent it whole — the server reads the rest and drops it; but it reads no more than
 * {@code torre.http.unread-body-limit} of it, then closes the connection.
 */
@QuarkusTest
class BodyLimitTest {

    private static final long MB = 1024 * 1024;
    /** Far past the bound and more than the kernel's buffers on both sides hold: sent whole only if the server reads it. */
    private static final long FAR_OVER = 256 * MB;
    private static final String CLOSED = "<closed>";

    @TestHTTPResource("/v1/contacts")
    URI contacts;

    @Inject
    MeterRegistry registry;

    @Inject
    TorreConfig config;

    @Test
    void aClientThatExpectsContinueIsRefusedBeforeItSendsTheBody() throws Exception {
        String tenant = newTenant();
        String huge = "{\"firstName\":\"" + "x".repeat(9 * 1024 * 1024) + "\"}";
        HttpRequest request = HttpRequest.newBuilder(contacts).expectContinue(true)
                .header("Authorization", "Bearer " + Tokens.admin(tenant))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(huge)).build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode());
        admin(tenant).when().get("/v1/contacts").then().statusCode(200).body("data.size()", equalTo(0));

        try (Socket socket = connect()) {
            send(socket, head("/v1/contacts", tenant, "Expect: 100-continue\r\nContent-Length: " + 16 * MB));
            String answer = readAnswer(socket.getInputStream());
            assertTooLarge(answer); // the answer itself, not a 100 Continue: no byte of the body was sent
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {9, 16}) // just over the cap, and twice the cap
    void aBodyAnnouncedOverTheCapWithoutExpectIsSentWholeAndGetsItsProblem(long megabytes) throws Exception {
        String tenant = newTenant();
        try (Socket socket = connect()) {
            send(socket, head("/v1/contacts", tenant, "Content-Length: " + megabytes * MB));
            Sender sender = new Sender(socket, megabytes * MB, false);
            sender.start();
            String answer = readUntilClosed(socket);
            sender.join(60_000);
            assertTooLarge(answer);
            assertFalse(sender.failed, "the server read the whole body: " + sender.sent.get() + " bytes sent");
            assertTrue(answer.endsWith(CLOSED), "the server ends the connection once the body is in: " + answer);
        }
        admin(tenant).when().get("/v1/contacts").then().statusCode(200).body("data.size()", equalTo(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/contacts", "/graphql"})
    void aChunkedBodyPastTheCapGetsItsProblem(String path) throws Exception {
        String tenant = newTenant();
        try (Socket socket = connect()) {
            send(socket, head(path, tenant, "Transfer-Encoding: chunked"));
            Sender sender = new Sender(socket, 12 * MB, true);
            sender.start();
            String answer = readUntilClosed(socket);
            sender.join(60_000);
            assertTooLarge(answer);
            assertFalse(sender.failed, "the server read the whole body: " + sender.sent.get() + " bytes sent");
            assertTrue(answer.endsWith(CLOSED), "the server ends the connection once the body is in: " + answer);
        }
        admin(tenant).when().get("/v1/contacts").then().statusCode(200).body("data.size()", equalTo(0));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anOrdinaryEndpointTakesOneMegabyteAndABatchTakesEight(boolean chunked) throws Exception {
        String tenant = newTenant();
        // two megabytes of JSON white space around one small record: over the ordinary cap, within a batch's
        String padding = " ".repeat((int) (2 * MB));
        HttpResponse<String> single = post("/v1/contacts", tenant, "{\"firstName\":\"Ada\"" + padding + "}", chunked);
        assertEquals(413, single.statusCode(), single.body());
        assertTrue(single.body().contains("larger than the 1 MB this endpoint accepts"), single.body());
        HttpResponse<String> graphql = post("/graphql", tenant, "{\"query\":\"{ __typename }\"" + padding + "}", chunked);
        assertEquals(413, graphql.statusCode(), graphql.body());
        admin(tenant).when().get("/v1/contacts").then().statusCode(200).body("data.size()", equalTo(0));

        HttpResponse<String> batch = post("/v1/contacts/batch/upsert", tenant,
                "{\"matchOn\":\"externalId\",\"items\":[{\"externalId\":\"ada-1\",\"firstName\":\"Ada\"}]" + padding + "}", chunked);
        assertEquals(200, batch.statusCode(), batch.body());
        admin(tenant).when().get("/v1/contacts").then().statusCode(200).body("data.size()", equalTo(1));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aBodyFarOverTheBoundIsReadOnlyUpToTheBoundThenTheConnectionCloses(boolean chunked) throws Exception {
        String tenant = newTenant();
        long bound = config.http().unreadBodyLimit().asLongValue();
        double discardedBefore = registry.counter("torre.http.unread.body.bytes").count();
        double cutBefore = registry.counter("torre.http.unread.body.cut").count();
        try (Socket socket = connect()) {
            send(socket, head("/v1/contacts", tenant, chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + FAR_OVER));
            Sender sender = new Sender(socket, FAR_OVER, chunked);
            sender.start();
            String answer = readUntilClosed(socket);
            sender.join(60_000);
            assertTooLarge(answer);
            assertTrue(answer.endsWith(CLOSED), answer);
            assertTrue(sender.failed && sender.sent.get() < FAR_OVER, "the server read the whole body: " + sender.sent.get() + " bytes");
        }
        double discarded = registry.counter("torre.http.unread.body.bytes").count() - discardedBefore;
        assertTrue(discarded > 0 && discarded <= bound + MB, "read after the answer: " + discarded + " bytes; the bound is " + bound);
        assertEquals(1.0, registry.counter("torre.http.unread.body.cut").count() - cutBefore);
        admin(tenant).when().get("/v1/contacts").then().statusCode(200).body("data.size()", equalTo(0));
    }

    @Test
    void aBodyWithinTheCapKeepsTheConnectionAlive() throws Exception {
        String tenant = newTenant();
        try (Socket socket = connect()) {
            for (String name : new String[] {"Ada", "Grace"}) {
                String body = "{\"firstName\":\"" + name + "\"}";
                send(socket, head("/v1/contacts", tenant, "Content-Length: " + body.length()) + body);
                String answer = readAnswer(socket.getInputStream());
                assertTrue(answer.startsWith("HTTP/1.1 201 "), answer);
                assertFalse(answer.toLowerCase(Locale.ROOT).contains("connection: close"), answer);
            }
        }
        admin(tenant).when().get("/v1/contacts").then().statusCode(200).body("data.size()", equalTo(2));
    }

    @Test
    void aBodyLeftUnreadByAnEarlyAnswerIsDroppedAndTheConnectionsNextRequestKeepsItsBody() throws Exception {
        String tenant = newTenant();
        double discardedBefore = registry.counter("torre.http.unread.body.bytes").count();
        try (Socket socket = connect()) {
            // refused on its head (a token that does not verify), its body sent only after the answer was read
            String chunks = ("10000\r\n" + "x".repeat(0x10000) + "\r\n").repeat(16) + "0\r\n\r\n";
            send(socket, head("/v1/contacts", tenant, "Transfer-Encoding: chunked").replace("Bearer ", "Bearer x"));
            String refused = readAnswer(socket.getInputStream());
            assertTrue(refused.startsWith("HTTP/1.1 401 "), refused);
            assertFalse(refused.toLowerCase(Locale.ROOT).contains("connection: close"), refused);
            send(socket, chunks);
            // the next request on the same connection, and one more written together with it: each gets its own body
            String ada = "{\"firstName\":\"Ada\"}";
            String grace = "{\"firstName\":\"Grace\"}";
            send(socket, head("/v1/contacts", tenant, "Content-Length: " + ada.length()) + ada
                    + head("/v1/contacts", tenant, "Content-Length: " + grace.length()) + grace);
            for (String name : new String[] {"Ada", "Grace"}) {
                String answer = readAnswer(socket.getInputStream());
                assertTrue(answer.startsWith("HTTP/1.1 201 "), answer);
                assertTrue(answer.contains("\"firstName\":\"" + name + "\""), answer);
            }
        }
        double discarded = registry.counter("torre.http.unread.body.bytes").count() - discardedBefore;
        assertTrue(discarded >= 16 * 0x10000, "the refused body's rest was read and dropped: " + discarded + " bytes");
        admin(tenant).when().get("/v1/contacts").then().statusCode(200).body("data.size()", equalTo(2));
    }

    private static void assertTooLarge(String answer) {
        String lower = answer.toLowerCase(Locale.ROOT);
        assertTrue(lower.startsWith("http/1.1 413 "), answer);
        assertTrue(lower.contains("content-type: application/problem+json"), answer);
        assertTrue(lower.contains("\"type\":\"/problems/payload-too-large\""), answer);
        assertTrue(lower.contains("connection: close"), answer);
    }

    /** A POST through the JDK's client: with its length, or chunked (a stream of unknown length). */
    private HttpResponse<String> post(String path, String tenant, String body, boolean chunked) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(contacts.resolve(path))
                .header("Authorization", "Bearer " + Tokens.admin(tenant))
                .header("Content-Type", "application/json")
                .POST(chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes))
                        : HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String head(String path, String tenant, String framing) {
        return "POST " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + Tokens.admin(tenant)
                + "\r\nContent-Type: application/json\r\n" + framing + "\r\n\r\n";
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(contacts.getHost(), contacts.getPort());
        socket.setSoTimeout(30_000);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** One answer: its head and as many body bytes as its Content-Length says. */
    private static String readAnswer(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) {
            int b = in.read();
            assertTrue(b >= 0, "the connection closed without an answer: " + head);
            head.append((char) b);
        }
        Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        return head + (length.find() ? new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8) : "");
    }

    /** The answer, then everything until the server ends the stream or resets the connection ({@link #CLOSED}). */
    private static String readUntilClosed(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        String answer = readAnswer(in);
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        try {
            in.transferTo(rest);
        } catch (SocketException reset) {
            // closed with bytes unread: a reset, which ends the stream as well
        }
        return answer + rest.toString(StandardCharsets.UTF_8) + CLOSED;
    }

    /** Sends a JSON body of about {@code size} bytes (in chunks, or plain) until done or the connection fails. */
    private static final class Sender extends Thread {
        private final Socket socket;
        private final long size;
        private final boolean chunked;
        final AtomicLong sent = new AtomicLong();
        volatile boolean failed;

        Sender(Socket socket, long size, boolean chunked) {
            this.socket = socket;
            this.size = size;
            this.chunked = chunked;
            setDaemon(true);
        }

        @Override
        public void run() {
            byte[] piece = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
            try {
                OutputStream out = socket.getOutputStream();
                write(out, "{\"firstName\":\"".getBytes(StandardCharsets.US_ASCII));
                while (sent.get() + piece.length + 2 <= size) {
                    write(out, piece);
                }
                byte[] end = new byte[(int) (size - sent.get())];
                java.util.Arrays.fill(end, (byte) 'x');
                end[end.length - 2] = '"';
                end[end.length - 1] = '}';
                write(out, end);
                if (chunked) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (IOException closedByTheServer) {
                failed = true;
            }
        }

        private void write(OutputStream out, byte[] bytes) throws IOException {
            if (chunked) {
                out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.write(bytes);
            if (chunked) {
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            sent.addAndGet(bytes.length);
        }
    }
}
