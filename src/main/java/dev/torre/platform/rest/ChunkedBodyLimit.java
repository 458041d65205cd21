package dev.torre.platform.rest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;

/**
 * Stops a REST body sent without a length (chunked) at its endpoint's cap ({@link BodyCaps}) with a 413 problem document. Quarkus REST's own
 * stream would end the answer itself, with an empty 413, and hand the reader an exception it cannot map; so
 * {@link BodyLimit} takes that check away from it, and the count is kept here, where a refusal is an ordinary
 * {@code TorreException}. A body with a length over the cap never gets this far ({@link BodyLimit}).
 */
@Provider
public class ChunkedBodyLimit implements ReaderInterceptor {

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize transport;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (context.getHeaders().getFirst(HttpHeaders.CONTENT_LENGTH) == null) {
            long cap = context.getProperty(BodyCaps.CAP) instanceof Long endpoint ? endpoint : transport.asLongValue();
            context.setInputStream(new Capped(context.getInputStream(), cap, cap >= transport.asLongValue()));
        }
        return context.proceed();
    }

    /** A stream that refuses to read past the cap. */
    private static final class Capped extends FilterInputStream {
        private final long max;
        private final boolean largest;
        private long read;
        private boolean refused;

        Capped(InputStream in, long max, boolean largest) {
            super(in);
            this.max = max;
            this.largest = largest;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(0, n));
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        /**
         * Closes the request's stream, unless the body was refused: Quarkus REST's stream reads the whole rest of the
         * body when closed (as the failing parser does), however long, before the answer goes out; the rest is read
         * after the answer instead, up to a bound ({@link UnreadBodies}).
         */
        @Override
        public void close() throws IOException {
            if (!refused) {
                super.close();
            }
        }

        private void count(long n) {
            read += n;
            if (read > max) {
                refused = true;
                // the connection is closed after the answer, once the body's rest is read or past the bound
                throw BodyCaps.tooLarge(max, largest);
            }
        }
    }
}
