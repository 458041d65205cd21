package dev.torre.platform.rest;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ByteProcessor;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * One connection's header clock ({@link HeaderDeadline}): it starts when the connection opens, or with the first byte
 * after an answer, and stops at the empty line that ends a request head; if it runs out first, the connection gets a
 * 408 and is closed. It sits first in the pipeline (after TLS, when there is TLS), where it sees the bytes as they
 * come: Vert.x sets its HTTP/1 codec up only when the first bytes have shown it is not HTTP/2, and decodes the first
 * request within that same read, so a handler after the codec would miss it. A second handler after the codec sees
 * each answer end (the next request's clock may start then). A connection that turns into HTTP/2 or a WebSocket is no
 * longer watched, nor is one whose answer said {@code Connection: close}: what it still receives is the rest of a
 * refused body (a 413 answered on the announced length), which the server only drains until the connection closes —
 * scanned as a new head, the rest of a 10 MB body took an event loop's time from every other connection on it. All
 * of it runs on the connection's event loop, so the state needs no locking.
 */
final class HeaderWatch extends ChannelDuplexHandler {

    private final long deadlineNanos;
    private final byte[] refusal;
    private ScheduledFuture<?> clock;
    /** A whole head was read and its answer has not ended: the bytes that follow are its body. */
    private boolean inRequest;
    /** The last line-ending seen was a line feed, possibly followed by a carriage return: one more ends the head. */
    private boolean afterLineFeed;
    /** Bytes went out before the codec could be followed: the first answer was written within the first read. */
    private boolean answeredUnfollowed;
    private Exchanges exchanges;
    private boolean stopped;
    /** The answer said the connection closes after it: no head follows. */
    private boolean closing;
    /** Finds the empty line that ends a head (CRLF or a bare LF, as the decoder accepts), across reads. */
    private final ByteProcessor headEnd = b -> {
        if (b == '\n') {
            if (afterLineFeed) {
                afterLineFeed = false;
                return false; // found: stop here
            }
            afterLineFeed = true;
        } else if (b != '\r') {
            afterLineFeed = false;
        }
        return true;
    };

    HeaderWatch(long deadlineNanos, byte[] refusal) {
        this.deadlineNanos = deadlineNanos;
        this.refusal = refusal;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        if (context.channel().isActive()) {
            start(context); // moved behind TLS on an open connection
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext context) throws Exception {
        ChannelPipeline pipeline = context.pipeline();
        if (pipeline.get("ssl") != null && !behindTls(pipeline, context)) {
            pipeline.addAfter("ssl", context.name() + "-tls", new HeaderWatch(deadlineNanos, refusal));
            pipeline.remove(this);
        } else {
            start(context);
        }
        super.channelActive(context);
    }

    private static boolean behindTls(ChannelPipeline pipeline, ChannelHandlerContext context) {
        return pipeline.names().indexOf(context.name()) > pipeline.names().indexOf("ssl");
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        if (!stopped && !inRequest && !closing && message instanceof ByteBuf bytes && bytes.isReadable()) {
            start(context);
            if (endsHead(bytes)) {
                halt();
                inRequest = true;
            }
        }
        context.fireChannelRead(message);
        if (!stopped && exchanges == null) {
            follow(context);
        }
    }

    @Override
    public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
        if (exchanges == null && !informational(message)) {
            answeredUnfollowed = true;
            if (message instanceof ByteBuf bytes && saysClose(bytes)) {
                closing = true; // an early refusal (BodyLimit's 413): the bytes still coming are its body's rest
                halt();
            }
        }
        context.write(message, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        halt();
        super.channelInactive(context);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext context) {
        halt();
    }

    /** Whether these outgoing bytes begin a 1xx answer (100 Continue), which is not the request's answer. */
    private static boolean informational(Object message) {
        return message instanceof ByteBuf bytes && bytes.readableBytes() > 9 && bytes.getByte(bytes.readerIndex()) == 'H'
                && bytes.getByte(bytes.readerIndex() + 9) == '1';
    }

    /** Whether these outgoing bytes begin an answer whose head says {@code Connection: close}. */
    private static boolean saysClose(ByteBuf bytes) {
        String head = bytes.toString(bytes.readerIndex(), Math.min(bytes.readableBytes(), 4096), StandardCharsets.ISO_8859_1);
        int end = head.indexOf("\r\n\r\n");
        return (end < 0 ? head : head.substring(0, end)).toLowerCase(Locale.ROOT).contains("\r\nconnection: close");
    }

    /** Whether these bytes hold the empty line that ends a head (CRLF or a bare LF, as the decoder accepts). */
    private boolean endsHead(ByteBuf bytes) {
        return bytes.forEachByte(headEnd) >= 0;
    }

    /** Once Vert.x has chosen the protocol: HTTP/1 is followed after its codec; anything else is left alone. */
    private void follow(ChannelHandlerContext context) {
        ChannelPipeline pipeline = context.pipeline();
        if (pipeline.get("httpEncoder") != null) {
            exchanges = new Exchanges(context);
            pipeline.addAfter("httpEncoder", context.name() + "-exchanges", exchanges);
            if (answeredUnfollowed) {
                inRequest = false; // answered at once (an early refusal): the next bytes are a new head
            }
        } else if (pipeline.get("handler") != null) {
            stop(context); // HTTP/2: its own framing and settings apply
        }
    }

    private void start(ChannelHandlerContext context) {
        if (clock == null) {
            clock = context.executor().schedule(() -> expire(context), deadlineNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void halt() {
        if (clock != null) {
            clock.cancel(false);
            clock = null;
        }
    }

    private void expire(ChannelHandlerContext context) {
        clock = null;
        if (!stopped && !inRequest && context.channel().isActive()) {
            // from this handler's place, first in the pipeline (or just after TLS): the bytes go out as they are
            context.writeAndFlush(Unpooled.wrappedBuffer(refusal)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void stop(ChannelHandlerContext context) {
        stopped = true;
        halt();
        context.pipeline().remove(this);
        if (exchanges != null && context.pipeline().context(exchanges) != null) {
            context.pipeline().remove(exchanges);
        }
    }

    /** After the HTTP/1 codec: the end of an answer lets the next head start the clock; an upgrade ends the watch. */
    private final class Exchanges extends ChannelDuplexHandler {
        private final ChannelHandlerContext watch;
        private boolean informational;

        Exchanges(ChannelHandlerContext watch) {
            this.watch = watch;
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            boolean upgrade = message instanceof HttpRequest request && request.headers().contains(HttpHeaderNames.UPGRADE);
            context.fireChannelRead(message);
            if (upgrade && !stopped) {
                stop(watch); // a WebSocket or an h2c upgrade: no more request heads to time
            }
        }

        @Override
        public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
            if (message instanceof HttpResponse response) {
                // 100 Continue is not the answer: the body is still to come
                informational = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
                if (response.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true)) {
                    closing = true;
                    halt();
                }
            }
            if (message instanceof LastHttpContent && !informational && !closing) {
                inRequest = false;
                afterLineFeed = false;
            }
            context.write(message, promise);
        }
    }
}
