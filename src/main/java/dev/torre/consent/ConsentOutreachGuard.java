package dev.torre.consent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.torre.platform.outreach.OutreachGuard;

/**
 * Consent's answer to every outbound message another capability is about to record: checked
 * when the message is recorded, so a withdrawal holds from the next message on.
 */
@ApplicationScoped
public class ConsentOutreachGuard implements OutreachGuard {

    @Inject
    ConsentService consents;

    @Override
    public void check(Outreach outreach) {
        consents.checkOutreach(outreach);
    }
}
