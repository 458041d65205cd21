package dev.torre.webhook;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** A real HTTP receiver on loopback for one test: records what arrives and answers as the test tells it. */
final class Receiver implements AutoCloseable {

    /** One request as received. */
    record Received(Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase());
            return values == null ? null : values.getFirst();
        }
    }

    /** How to answer: a status, headers, a body, or hang until the test ends. */
    record Answer(int status, Map<String, String> headers, byte[] body, boolean hangAfterBody) {
        static Answer status(int status) {
            return new Answer(status, Map.of(), new byte[0], false);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Received> received = new ArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Function<Received, Answer> answer = r -> Answer.status(200);

    private Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    static Receiver start() {
        try {
            return new Receiver();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    void answer(Function<Received, Answer> how) {
        this.answer = how;
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), List.copyOf(v)));
        Received r = new Received(headers, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        synchronized (this) {
            received.add(r);
        }
        Answer a = answer.apply(r);
        if (a == null) {
            await();
            return;
        }
        a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        try {
            if (a.hangAfterBody()) {
                exchange.sendResponseHeaders(a.status(), 0);
                OutputStream out = exchange.getResponseBody();
                out.write(a.body());
                out.flush();
                await();
            } else {
                exchange.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(a.body());
                }
            }
        } catch (IOException e) {
            // the sender hung up, as it may
        } finally {
            exchange.close();
        }
    }

    private void await() {
        try {
            closing.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
