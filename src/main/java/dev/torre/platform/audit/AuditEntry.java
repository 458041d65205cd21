package dev.torre.platform.audit;

import java.time.Instant;

/**
 * One line of the audit trail: a write (from the event log) or a bulk read.
 *
 * @param kind        write or bulk_read
 * @param type        the event type of a write, e.g. contact.updated, or bulk_read
 * @param recordCount the records a bulk read returned
 */
public record AuditEntry(String kind, Instant occurredAt, String actor, String type, String entityType, String entityId,
        String clientIp, Integer recordCount, String requestId) {
}
