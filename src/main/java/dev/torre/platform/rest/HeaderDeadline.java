package dev.torre.platform.rest;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.torre.platform.config.TorreConfig;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.Problem;
import dev.torre.platform.error.TorreException;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.impl.HttpServerImpl;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.impl.TCPServerBase;

/**
 * Closes a connection whose request headers are not complete within {@code torre.http.header-deadline} (default 10 s)
 * of its opening, or of the first byte after its previous answer, with a 408 problem document: a slow-loris client
 * that drips one header line at a time would otherwise hold its connection for ever, since each line resets Vert.x's
 * idle timeout and Vert.x has no deadline for headers. Neither Vert.x nor Quarkus offers a hook at a connection's
 * opening, so the watch ({@link HeaderWatch}) is put on each accepted connection by a handler on the listening
 * channel, which Vert.x keeps in a private field (checked at start: without it the server refuses to start rather
 * than run unguarded). Quarkus announces a started server asynchronously, so the watch begins a moment after the
 * port opens. {@code 0} turns the deadline off.
 */
@ApplicationScoped
public class HeaderDeadline {

    private static final Logger LOG = Logger.getLogger(HeaderDeadline.class);
    private static final String NAME = "torre-header-deadline";

    void install(@ObservesAsync HttpServerStart start, Vertx vertx, ObjectMapper mapper, TorreConfig config) throws JsonProcessingException {
        Duration deadline = config.http().headerDeadline();
        if (deadline.isZero() || deadline.isNegative()) {
            return;
        }
        byte[] refusal = refusal(mapper, deadline);
        Acceptor acceptor = new Acceptor(deadline.toNanos(), refusal);
        for (HttpServerImpl server : ((VertxInternal) vertx).sharedHttpServers().values()) {
            listeningChannel(server).onSuccess(channel -> {
                if (channel.pipeline().get(NAME) == null) {
                    channel.pipeline().addFirst(NAME, acceptor);
                    LOG.debugf("request headers must arrive within %s on %s", deadline, channel.localAddress());
                }
            });
        }
    }

    @SuppressWarnings("unchecked")
    private static Future<Channel> listeningChannel(HttpServerImpl server) {
        try {
            Field bound = TCPServerBase.class.getDeclaredField("bindFuture");
            bound.setAccessible(true);
            return (Future<Channel>) bound.get(server);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("torre.http.header-deadline: this Vert.x version keeps its listening channel elsewhere;"
                    + " set the deadline to 0 to start without it", e);
        }
    }

    /** The whole answer, written raw: a 408 problem document, and the connection closes. */
    private static byte[] refusal(ObjectMapper mapper, Duration deadline) throws JsonProcessingException {
        String body = mapper.writeValueAsString(Problem.of(new TorreException(ErrorCode.REQUEST_TIMEOUT,
                "The request headers did not arrive within " + deadline.toMillis() + " ms"), "/"));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 408 Request Timeout\r\nContent-Type: " + Problem.MEDIA_TYPE + "\r\nContent-Length: " + bytes.length
                + "\r\nConnection: close\r\n\r\n";
        return (head + body).getBytes(StandardCharsets.UTF_8);
    }

    /** On the listening channel: gives each accepted connection its own watch before Vert.x sets it up. */
    @ChannelHandler.Sharable
    static final class Acceptor extends ChannelInboundHandlerAdapter {
        private final long deadlineNanos;
        private final byte[] refusal;

        Acceptor(long deadlineNanos, byte[] refusal) {
            this.deadlineNanos = deadlineNanos;
            this.refusal = refusal;
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (message instanceof Channel connection) {
                connection.pipeline().addFirst(NAME, new HeaderWatch(deadlineNanos, refusal));
            }
            context.fireChannelRead(message);
        }
    }
}
