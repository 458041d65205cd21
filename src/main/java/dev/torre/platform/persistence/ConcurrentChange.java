package dev.torre.platform.persistence;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.TorreException;

/** A row changed by someone else between this transaction's read and its write: a race, which {@link ConcurrencyRetry} retries. */
public class ConcurrentChange extends TorreException {

    public ConcurrentChange() {
        super(ErrorCode.PRECONDITION_FAILED, "The record was changed by someone else meanwhile; read it again and retry");
    }
}
