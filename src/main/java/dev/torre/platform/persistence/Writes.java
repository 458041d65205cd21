package dev.torre.platform.persistence;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;

import org.hibernate.StaleStateException;
import org.hibernate.exception.ConstraintViolationException;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;

/**
 * Flushes pending writes and turns database refusals into errors in the caller's terms:
 * a unique index becomes a 409 naming the field, a lost optimistic-lock race a 412.
 */
public final class Writes {

    private Writes() {
    }

    /**
     * @param uniqueFields the unique indexes a write may hit, by index name, with the API
     *                     field each protects
     */
    public static void flush(EntityManager em, Map<String, String> uniqueFields) {
        try {
            em.flush();
        } catch (OptimisticLockException | StaleStateException e) {
            throw concurrentChange();
        } catch (PersistenceException e) {
            throw translate(e, uniqueFields);
        }
    }

    /** Runs writes that reach the database at once (a bulk statement), translating its refusals as {@link #flush} does. */
    public static <T> T guarded(Map<String, String> uniqueFields, java.util.function.Supplier<T> writes) {
        try {
            return writes.get();
        } catch (OptimisticLockException | StaleStateException e) {
            throw concurrentChange();
        } catch (PersistenceException e) {
            throw translate(e, uniqueFields);
        }
    }

    public static TorreException concurrentChange() {
        return new ConcurrentChange();
    }

    private static RuntimeException translate(PersistenceException e, Map<String, String> uniqueFields) {
        Throwable cause = e;
        while (cause != null && !(cause instanceof ConstraintViolationException)) {
            cause = cause.getCause();
        }
        if (cause instanceof ConstraintViolationException violation && violation.getConstraintName() != null) {
            String field = uniqueFields.get(violation.getConstraintName());
            if (field != null) {
                return duplicate(field);
            }
        }
        if (cause instanceof ConstraintViolationException violation && "23505".equals(violation.getSQLState())) {
            // a unique value of a record this write created along the way (a shop's new buyer): still the caller's conflict
            return new TorreException(ErrorCode.CONFLICT, "Another record already holds a unique value this write needs; read it and retry");
        }
        if (e.getCause() instanceof StaleStateException) {
            return concurrentChange();
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            // PostgreSQL refuses NUL in text (22021) and escaped NUL in jsonb (22P05): bad input, not an outage.
            if (c instanceof SQLException sql && ("22021".equals(sql.getSQLState()) || "22P05".equals(sql.getSQLState()))) {
                return new TorreException(ErrorCode.VALIDATION, "Text may not contain the NUL character (\\u0000)");
            }
        }
        return e;
    }

    public static TorreException duplicate(String field) {
        return new TorreException(ErrorCode.CONFLICT, "Another record already has this " + field,
                List.of(new FieldError(field, "duplicate", "Already used by another record")));
    }
}
