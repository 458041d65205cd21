package dev.torre.platform.ids;

import java.util.UUID;

import com.github.f4b6a3.uuid.UuidCreator;

/** Time-ordered UUIDv7 ids, made by the application so inserts need no round trip. */
public final class Ids {

    private Ids() {
    }

    public static UUID next() {
        return UuidCreator.getTimeOrderedEpoch();
    }
}
