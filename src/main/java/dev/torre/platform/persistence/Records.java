package dev.torre.platform.persistence;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.EntityManager;

import org.hibernate.jpa.HibernateHints;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.event.EventLog;

/** The steps every capability takes the same way on its records: find, guard a write, archive, restore. */
public final class Records {

    private Records() {
    }

    /** The record, or 404 — also when it belongs to another tenant, which must look the same. */
    public static <E extends TenantEntity> E find(EntityManager em, Class<E> type, UUID id, String label) {
        E entity = em.find(type, id, readHints(em));
        if (entity == null) {
            throw TorreException.notFound(label + " " + id);
        }
        return entity;
    }

    /**
     * Hints for a load: read-only outside a transaction. Nothing loaded there can be written back, yet a managed
     * entity costs a snapshot of its state for dirty checking, and a JSON column's snapshot is a serialisation
     * and a parse; a read-only one costs neither. Inside a transaction the entity may be about to change, so it
     * stays managed as usual.
     */
    public static Map<String, Object> readHints(EntityManager em) {
        return em.isJoinedToTransaction() ? Map.of() : READ_ONLY;
    }

    private static final Map<String, Object> READ_ONLY = Map.of(HibernateHints.HINT_READ_ONLY, true);

    /** Refuses to change a record that moved past the version the caller saw, or that is archived. */
    public static void checkWritable(TenantEntity entity, Long expectedVersion, String label) {
        if (expectedVersion != null && expectedVersion != entity.version) {
            throw new TorreException(ErrorCode.PRECONDITION_FAILED, "The " + label + " is at version " + entity.version
                    + ", not " + expectedVersion + "; read it again and retry");
        }
        if (entity.archived()) {
            throw new TorreException(ErrorCode.CONFLICT, "The " + label + " is archived; restore it before changing it");
        }
    }

    /** Archives once; archiving an archived record changes nothing and records no event. */
    public static boolean archive(TenantEntity entity, EventLog events, String eventType, Instant now) {
        if (entity.archived()) {
            return false;
        }
        entity.archivedAt = now;
        events.append(eventType, entity.id, "archived", Map.of());
        return true;
    }

    public static boolean restore(TenantEntity entity, EventLog events, String eventType) {
        if (!entity.archived()) {
            return false;
        }
        entity.archivedAt = null;
        events.append(eventType, entity.id, "restored", Map.of());
        return true;
    }
}
