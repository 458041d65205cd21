package dev.torre.platform.audit;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;

/**
 * How this request's bulk reads are counted: page by page as each is read (the default); by the transport, row by
 * row (GraphQL, whose nested and aliased lists no page sees); or gathered while a view reads several pages and kept
 * together when it is done ({@link BulkReadGuard#together}), in the order they were read.
 */
@RequestScoped
public class RowCounting {

    private boolean byTransport;

    private List<BulkReadGuard.Part> gathered;

    public void countByTransport() {
        byTransport = true;
    }

    public boolean byTransport() {
        return byTransport;
    }

    /** Whether pages are being gathered for one write at the end of a view. */
    boolean gathering() {
        return gathered != null;
    }

    void startGathering() {
        gathered = new ArrayList<>();
    }

    void gather(String objectType, int count) {
        gathered.add(new BulkReadGuard.Part(objectType, count));
    }

    /** The pages gathered so far, in the order read; gathering stops. */
    List<BulkReadGuard.Part> takeGathered() {
        List<BulkReadGuard.Part> parts = gathered;
        gathered = null;
        return parts;
    }
}
