package dev.torre.platform.time;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.TorreException;

/** Time zone names as callers write them: IANA region ids ({@code Asia/Tokyo}), checked by java.time. */
public final class TimeZones {

    private TimeZones() {
    }

    /** The zone's canonical id, or null for null; an unknown id or a bare offset is a 400 naming the field. */
    public static String check(String field, String id) {
        if (id == null) {
            return null;
        }
        try {
            ZoneId zone = ZoneId.of(id.trim());
            if (zone instanceof ZoneOffset) {
                // a fixed offset ignores daylight saving: quiet hours would drift by an hour half the year
                throw new DateTimeException("an offset, not a region");
            }
            return zone.getId();
        } catch (DateTimeException e) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, field, "unknown_time_zone",
                    "'" + id + "' is not an IANA time zone such as Europe/Madrid");
        }
    }
}
