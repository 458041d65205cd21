package dev.torre.platform.rest;

import java.util.concurrent.TimeUnit;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.socket.DuplexChannel;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;

/**
 * Closes an HTTP/1 connection whose answer says {@code Connection: close}, without reading what the client still sends.
 * Vert.x decides keep-alive from the request alone, so such an answer (a 413 refused on the announced length, or at the
 * cap of a chunked body) left the connection open and the event loop decoding the rest of the body — up to 10 MB an
 * attacker sends — to find the next request, on the loop other clients' connections share. Here reading stops as soon
 * as the answer ends; once it is written the server half-closes (the client reads the answer, then the end of the
 * stream) and closes the socket a moment later: closing at once, with unread bytes in the socket, sends a reset that
 * may reach the client before it has read the answer (RFC 9112 §9.6).
 */
final class ClosingAnswers {

    /** How long a half-closed connection stays before the socket is closed: ample for the client to read the answer. */
    private static final long LINGER_MILLIS = 1000;

    /** The most of an unread body that is read to keep the connection after an early answer. */
    private static final long DRAINED_BYTES = 64 * 1024;

    private ClosingAnswers() {
    }

    /**
     * Called before the answer's head is written: an answer given before a large body was read (a 429, a 401 on the
     * request's head) says {@code Connection: close}, so that the body is not read just to be thrown away; a small one
     * is read to keep the connection.
     */
    static void answering(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.isEnded() || request.version() == HttpVersion.HTTP_2) {
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean large = length == null
                ? request.headers().contains(HttpHeaders.TRANSFER_ENCODING) // sent in chunks: of any length
                : length.length() > 9 || !length.chars().allMatch(Character::isDigit) || Long.parseLong(length) > DRAINED_BYTES;
        if (large) {
            context.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
    }

    /** Called when the answer's last bytes are handed to the connection. */
    static void answered(RoutingContext context) {
        if (context.request().version() == HttpVersion.HTTP_2
                || !"close".equalsIgnoreCase(context.response().headers().get(HttpHeaders.CONNECTION))
                || !(context.request().connection() instanceof ConnectionBase connection)) {
            return;
        }
        Channel channel = connection.channel();
        channel.config().setAutoRead(false); // the rest of the body stays in the socket: it is never decoded
        // after the answer's own bytes, which may still wait for the end of the current read to be flushed
        connection.writeToChannel(Unpooled.EMPTY_BUFFER, written -> {
            if (channel instanceof DuplexChannel duplex && channel.pipeline().get("ssl") == null && channel.isActive()) {
                duplex.shutdownOutput();
            }
            channel.eventLoop().schedule(() -> {
                channel.close();
            }, LINGER_MILLIS, TimeUnit.MILLISECONDS);
        });
    }
}
