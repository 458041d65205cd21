package dev.torre.interaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.outreach.OutreachGuard;

/**
 * A test guard: refuses outreach for service notifications (which consent allows by default, so
 * only this guard refuses them) to the contacts a test names, unless an override reason is
 * given, and remembers what it saw about them. Other tests' contacts pass untouched.
 */
@ApplicationScoped
public class RefusingGuard implements OutreachGuard {

    static final String PURPOSE = "service_notifications";

    private final List<Outreach> seen = new ArrayList<>();
    private final Set<UUID> refused = ConcurrentHashMap.newKeySet();

    /** What the guard was asked about, in order (a method: fields of a CDI client proxy are not the bean's). */
    List<Outreach> seen() {
        return seen;
    }

    /** From now on, outreach to this contact is refused. */
    void refuse(String contactId) {
        refused.add(UUID.fromString(contactId));
    }

    @Override
    public void check(Outreach outreach) {
        if (!PURPOSE.equals(outreach.purpose()) || !refused.contains(outreach.contactId())) {
            return;
        }
        seen.add(outreach);
        if (outreach.overrideReason() == null) {
            throw new TorreException(ErrorCode.FORBIDDEN, "The contact has not consented to " + outreach.channel() + " for " + PURPOSE);
        }
    }
}
