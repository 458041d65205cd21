package dev.torre.platform.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.Problem;
import dev.torre.platform.error.TorreException;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;

/**
 * Answers a body whose framing breaks while it is read (a chunk size that is not hexadecimal, a chunk not ended by a line
 * break) with a 400 malformed-request problem and closes the connection, instead of the 500 and logged stack trace it
 * got: Vert.x hands the decoder's failure to whoever reads the body as an ordinary exception and closes the connection
 * at once, so the reader's answer never left and its failure looked like a bug of ours. Here the failure stops between
 * the HTTP codec and Vert.x; when the request's answer has already begun (a 413 given before the body was read), the
 * connection is just closed.
 */
@ApplicationScoped
public class MalformedBodies {

    private static final String NAME = "torre-malformed-body";
    /** Vert.x's own handler, last in an HTTP/1 connection's pipeline: the watch goes just before it (so does {@link UnreadBodies}'s). */
    static final String VERTX = "handler";

    void install(@Observes Router router, ObjectMapper mapper) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            // put on a connection with its first request, on the event loop that is decoding it: the rest of its body
            // (even bytes decoded in the same read) passes the watch
            if (context.request().connection() instanceof ConnectionBase connection) {
                ChannelPipeline pipeline = connection.channel().pipeline();
                if (pipeline.get(NAME) == null && pipeline.get("httpDecoder") != null && pipeline.get(VERTX) != null) {
                    Watch watch = new Watch(mapper, context.request().path());
                    pipeline.addBefore(VERTX, NAME, watch);
                }
            }
            context.next();
        });
    }

    /** Between the HTTP/1 codec and Vert.x: sees each request head, each answer's head, and a body that failed to decode. */
    private static final class Watch extends ChannelDuplexHandler {
        private final ObjectMapper mapper;
        /** The path of the request being read, for the problem's {@code instance}. */
        private String path;
        /** Request heads read, answers begun and answers ended on this connection (requests may be pipelined). */
        private long heads = 1;
        private long begun;
        private long ended;
        /** The answer being written is a 1xx (100 Continue): not the request's answer. */
        private boolean informational;

        Watch(ObjectMapper mapper, String path) {
            this.mapper = mapper;
            this.path = path;
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (message instanceof HttpRequest request) {
                path = new QueryStringDecoder(request.uri()).path();
                heads++;
            }
            if (message instanceof HttpContent content && content.decoderResult().isFailure()) {
                ReferenceCountUtil.release(message);
                context.channel().config().setAutoRead(false); // nothing after broken framing can be understood
                if (begun != heads - 1 || ended != begun) {
                    context.close(); // this request's answer has begun (a 413), or an earlier one is still being written
                } else {
                    context.writeAndFlush(answer()).addListener(ChannelFutureListener.CLOSE);
                }
                return; // Vert.x sees the connection close, which its readers take quietly, not a failure of the body
            }
            context.fireChannelRead(message);
        }

        @Override
        public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
            if (message instanceof HttpResponse response) {
                informational = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
                begun += informational ? 0 : 1;
            }
            if (message instanceof LastHttpContent && !informational) {
                ended++;
            }
            context.write(message, promise);
        }

        private FullHttpResponse answer() {
            byte[] body;
            try {
                body = mapper.writeValueAsBytes(Problem.of(new TorreException(ErrorCode.MALFORMED_REQUEST,
                        "The body's chunked framing is broken: a chunk size that is not hexadecimal, or a chunk not ended by CRLF"), path));
            } catch (JsonProcessingException e) {
                body = "{\"status\":400}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            }
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
                    Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            return response;
        }
    }
}
