package dev.torre.platform.rest;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import dev.torre.platform.config.TorreConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads and throws away the rest of a body whose answer was given before it was read (a 413, a 401 on the head), up to
 * a bound; past the bound the connection is closed. The answer must stay readable: a client that sends its whole body
 * before reading (no {@code Expect: 100-continue}) gets a reset instead of its answer if the server stops reading or
 * closes with bytes unread, so the server reads on; but an attacker must not make it read without end, so it stops at
 * the bound ({@code torre.http.unread-body-limit}). Vert.x decides keep-alive from the request alone and would read the
 * rest of any body, however long.
 */
@ApplicationScoped
public class UnreadBodies {

    private long bound;
    /** The bytes read and thrown away after answers. */
    private Counter discarded;
    /** The connections closed at the bound. */
    private Counter cutOff;

    // registered before every other route of the lowest order, so that any early answer (414, 431, 413, 401) is seen
    void install(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) Router router, TorreConfig config, MeterRegistry registry) {
        bound = config.http().unreadBodyLimit().asLongValue();
        discarded = registry.counter("torre.http.unread.body.bytes");
        cutOff = registry.counter("torre.http.unread.body.cut");
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            context.addBodyEndHandler(ended -> answered(context));
            context.next();
        });
    }

    /** Called as an answer's last bytes are handed to the connection: watches the rest of a body not yet read. */
    private void answered(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.isEnded()) {
            return; // the usual case, the body read before the answer: nothing to watch, nothing handed to the event loop
        }
        if (request.version() == HttpVersion.HTTP_2 || !(request.connection() instanceof ConnectionBase connection)) {
            return; // HTTP/2 refuses a stream's rest with its own flow control and resets
        }
        boolean closing = "close".equalsIgnoreCase(context.response().headers().get(HttpHeaders.CONNECTION));
        Channel channel = connection.channel();
        Counting counting = new Counting();
        Dropping dropping = new Dropping();
        ChannelPipeline pipeline = channel.pipeline();
        // in place at once (a pipeline takes handlers from any thread): when the answer was given on the event loop, as
        // an early 413 is, not even the rest of the socket read that carried the head reaches Vert.x
        pipeline.addFirst(counting);
        if (pipeline.get(MalformedBodies.VERTX) != null) {
            pipeline.addBefore(MalformedBodies.VERTX, null, dropping);
        }
        // the request's handlers on the connection's event loop, where Vert.x hands over its bytes: no race with its end
        channel.eventLoop().execute(() -> {
            if (request.isEnded() || !channel.isActive()) {
                remove(pipeline, counting, dropping); // its end had reached Vert.x already
                return;
            }
            // whoever read the body (Quarkus REST's stream, GraphQL's body handler) is done with it: the rest is dropped
            request.handler(ignored -> { });
            request.exceptionHandler(closed -> { }); // a connection closed at the bound is no failure of this request
            request.endHandler(ended -> {
                remove(pipeline, counting, dropping);
                if (closing) {
                    // the whole body was read, so closing sends no reset: the client reads its answer, then the end
                    channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                }
            });
            request.resume(); // a stream that stopped reading mid-body left the request paused
        });
    }

    private static void remove(ChannelPipeline pipeline, ChannelHandler... handlers) {
        for (ChannelHandler handler : handlers) {
            if (pipeline.context(handler) != null) {
                pipeline.remove(handler);
            }
        }
    }

    /**
     * Just before Vert.x: releases the decoded pieces of the body's rest and lets only its end through, then steps aside
     * for the connection's next request. Vert.x copies every piece of a body it is given into a new heap buffer, even for
     * a request whose handler drops it; a client sending 10 MB bodies in a loop thereby made hundreds of megabytes of
     * garbage a second and the collector's pauses landed on every other request of the instance. The codec's pieces are
     * slices of the pooled buffer the socket was read into: releasing them costs nothing.
     */
    private static final class Dropping extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (message instanceof HttpRequest) {
                // a next request's head: the body's end had reached Vert.x before this handler was put in place
                context.pipeline().remove(this);
                context.fireChannelRead(message);
            } else if (!(message instanceof HttpContent content) || content.decoderResult().isFailure()) {
                context.fireChannelRead(message);
            } else if (message instanceof LastHttpContent) {
                ReferenceCountUtil.release(message);
                context.pipeline().remove(this);
                context.fireChannelRead(LastHttpContent.EMPTY_LAST_CONTENT); // Vert.x ends the request and its exchange
            } else {
                ReferenceCountUtil.release(message);
            }
        }
    }

    /** First in the pipeline: counts the bytes the connection reads while a body's rest is dropped, and ends it past the bound. */
    private final class Counting extends ChannelInboundHandlerAdapter {
        private long read;

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (message instanceof ByteBuf bytes) {
                read += bytes.readableBytes();
                discarded.increment(bytes.readableBytes());
                if (read > bound) {
                    ReferenceCountUtil.release(message);
                    cutOff.increment();
                    context.channel().config().setAutoRead(false);
                    context.close();
                    return;
                }
            }
            context.fireChannelRead(message);
        }
    }
}
