package dev.torre.platform.rest;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.torre.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A body over the cap is refused with 413 and nothing is written; over a raw socket, the refusal comes while the client
 * is still sending, and the server closes the connection without reading the rest: a client sending far more than any
 * socket buffer holds (256 MB) is cut off before it has sent it all; so is one answered on its head (401) before its
 * body was read. A body within the cap keeps the connection alive.
 */
@QuarkusTest
class BodyLimitTest {

    /**
     * Far more than the kernel's buffers on both sides hold (the receiving one grows up to 32 MB here, while the server
     * reads): the client can send it all only if the server reads it.
     */
    private static final long SENT_BY_THE_ATTACKER = 256L * 1024 * 1024;
    private static final String CLOSED = "<closed>";

    @TestHTTPResource("/v1/contacts")
    URI contacts;

    @Test
    void aBodyOverTheCapIsRefusedWith413AndNothingIsWritten() throws Exception {
        String tenant = newTenant();
        String huge = "{\"firstName\":\"" + "x".repeat(9 * 1024 * 1024) + "\"}";
        // Expect: 100-continue lets the server refuse before the body is sent, as careful clients do.
        HttpRequest request = HttpRequest.newBuilder(contacts).expectContinue(true)
                .header("Authorization", "Bearer " + Tokens.admin(tenant))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(huge)).build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode());
        admin(tenant).when().get("/v1/contacts").then().statusCode(200).body("data.size()", equalTo(0));
    }

    @Test
    void aBodyAnnouncedOverTheCapIsRefusedWhileItIsSentAndTheRestIsNeverRead() throws Exception {
        String tenant = newTenant();
        try (Socket socket = connect()) {
            send(socket, "POST /v1/contacts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + Tokens.admin(tenant)
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + SENT_BY_THE_ATTACKER + "\r\n\r\n{\"firstName\":\"");
            Sender sender = new Sender(socket, false);
            sender.start();
            assertCutOff(readUntilClosed(socket), sender);
        }
        admin(tenant).when().get("/v1/contacts").then().statusCode(200).body("data.size()", equalTo(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/contacts", "/graphql"})
    void aChunkedBodyPastTheCapIsRefusedAndTheRestIsNeverRead(String path) throws Exception {
        String tenant = newTenant();
        try (Socket socket = connect()) {
            send(socket, "POST " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + Tokens.admin(tenant)
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            Sender sender = new Sender(socket, true);
            sender.start();
            assertCutOff(readUntilClosed(socket), sender);
        }
        admin(tenant).when().get("/v1/contacts").then().statusCode(200).body("data.size()", equalTo(0));
    }

    @Test
    void anAnswerGivenBeforeALargeBodyWasReadClosesWithoutReadingIt() throws Exception {
        try (Socket socket = connect()) {
            // no token: refused on the head, before GraphQL reads the body
            send(socket, "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            Sender sender = new Sender(socket, true);
            sender.start();
            String answer = readUntilClosed(socket);
            sender.join(60_000);
            assertTrue(answer.startsWith("HTTP/1.1 401 "), answer);
            assertTrue(answer.toLowerCase(Locale.ROOT).contains("connection: close"), answer);
            assertTrue(answer.endsWith(CLOSED), "the server closes the connection: " + answer);
            assertTrue(sender.failed && sender.sent.get() < SENT_BY_THE_ATTACKER, "the server read the whole body: " + sender.sent.get() + " bytes");
        }
    }

    @Test
    void aBodyWithinTheCapKeepsTheConnectionAlive() throws Exception {
        String tenant = newTenant();
        try (Socket socket = connect()) {
            for (String name : new String[] {"Ada", "Grace"}) {
                String body = "{\"firstName\":\"" + name + "\"}";
                send(socket, "POST /v1/contacts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + Tokens.admin(tenant)
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
                String answer = readAnswer(socket.getInputStream());
                assertTrue(answer.startsWith("HTTP/1.1 201 "), answer);
                assertTrue(!answer.toLowerCase(Locale.ROOT).contains("connection: close"), answer);
            }
        }
        admin(tenant).when().get("/v1/contacts").then().statusCode(200).body("data.size()", equalTo(2));
    }

    /** The answer is a 413 problem that says the connection closes; the server closed it before the sender was done. */
    private static void assertCutOff(String answer, Sender sender) throws InterruptedException {
        sender.join(60_000);
        String lower = answer.toLowerCase(Locale.ROOT);
        assertTrue(lower.startsWith("http/1.1 413 "), answer);
        assertTrue(lower.contains("content-type: application/problem+json"), answer);
        assertTrue(lower.contains("\"type\":\"/problems/payload-too-large\""), answer);
        assertTrue(lower.contains("connection: close"), answer);
        assertTrue(answer.endsWith(CLOSED), "the server closes the connection: " + answer);
        assertTrue(sender.failed, "the sender was stopped by the closed connection");
        assertTrue(sender.sent.get() < SENT_BY_THE_ATTACKER, "the server read the whole body: " + sender.sent.get() + " bytes");
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
        } catch (java.net.SocketException reset) {
            // closed with the body's rest unread: a reset, which ends the stream as well
        }
        return answer + rest.toString(StandardCharsets.UTF_8) + CLOSED;
    }

    /** Sends a body of {@link #SENT_BY_THE_ATTACKER} bytes (in chunks, or plain) until done or the connection fails. */
    private static final class Sender extends Thread {
        private final Socket socket;
        private final boolean chunked;
        final AtomicLong sent = new AtomicLong();
        volatile boolean failed;

        Sender(Socket socket, boolean chunked) {
            this.socket = socket;
            this.chunked = chunked;
            setDaemon(true);
        }

        @Override
        public void run() {
            byte[] piece = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
            try {
                OutputStream out = socket.getOutputStream();
                if (chunked) {
                    out.write("f\r\n{\"firstName\":\"x\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                while (sent.get() < SENT_BY_THE_ATTACKER) {
                    if (chunked) {
                        out.write((Integer.toHexString(piece.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write(piece);
                    if (chunked) {
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    sent.addAndGet(piece.length);
                }
            } catch (IOException closedByTheServer) {
                failed = true;
            }
        }
    }
}
