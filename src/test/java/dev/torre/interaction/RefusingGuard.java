package dev.torre.interaction;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.outreach.OutreachGuard;

/** A test guard: refuses outreach for the purpose "refused_in_tests" unless an override reason is given, and remembers what it saw. */
@ApplicationScoped
public class RefusingGuard implements OutreachGuard {

    static final String PURPOSE = "refused_in_tests";

    private final List<Outreach> seen = new ArrayList<>();

    /** What the guard was asked about, in order (a method: fields of a CDI client proxy are not the bean's). */
    List<Outreach> seen() {
        return seen;
    }

    @Override
    public void check(Outreach outreach) {
        if (!PURPOSE.equals(outreach.purpose())) {
            return;
        }
        seen.add(outreach);
        if (outreach.overrideReason() == null) {
            throw new TorreException(ErrorCode.FORBIDDEN, "The contact has not consented to " + outreach.channel() + " for " + PURPOSE);
        }
    }
}
