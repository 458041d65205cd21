package dev.torre.platform.audit;

import jakarta.enterprise.context.RequestScoped;

/**
 * Whether this request's transport counts the rows it returns itself, row by row (GraphQL,
 * whose nested and aliased lists no page sees), instead of each page counting its own.
 */
@RequestScoped
public class RowCounting {

    private boolean byTransport;

    public void countByTransport() {
        byTransport = true;
    }

    public boolean byTransport() {
        return byTransport;
    }
}
