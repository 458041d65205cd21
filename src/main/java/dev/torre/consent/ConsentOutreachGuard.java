package dev.torre.consent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.event.EventLog;
import dev.torre.platform.outreach.ConsentTerms;
import dev.torre.platform.outreach.OutreachGuard;
import dev.torre.platform.tenancy.Caller;

/**
 * Refuses outbound messages the contact has not allowed, at the moment they are recorded:
 * a withdrawal therefore holds from the next message on. An admin may send anyway by giving
 * a reason, which is kept as a {@code consent.overridden} event.
 */
@ApplicationScoped
public class ConsentOutreachGuard implements OutreachGuard {

    /** Roles whose override reason is accepted. */
    static final List<String> OVERRIDING_ROLES = List.of("admin");

    @Inject
    ConsentService consents;

    @Inject
    EventLog events;

    @Inject
    Caller caller;

    @Override
    @Transactional
    public void check(Outreach outreach) {
        if (outreach.purpose() == null || outreach.channel() == null || !ConsentTerms.CHANNELS.contains(outreach.channel())) {
            return; // not a message on a consent channel (a meeting, a note) or no stated purpose
        }
        ConsentService.oneOf("purpose", outreach.purpose(), ConsentTerms.PURPOSES);
        ContactabilityView answer = consents.answers(List.of(outreach.contactId()), outreach.purpose(), outreach.channel()).getFirst();
        if ("unknown_contact".equals(answer.reason())) {
            throw TorreException.notFound("Contact " + outreach.contactId());
        }
        if (answer.allowed()) {
            return;
        }
        String consent = "consent." + outreach.purpose() + "." + outreach.channel();
        String reason = ConsentService.blankToNull(outreach.overrideReason());
        if (reason == null) {
            throw new TorreException(ErrorCode.CONSENT_MISSING, "The contact has not allowed " + outreach.purpose() + " on "
                    + outreach.channel() + " (" + answer.reason() + "); give an overrideReason if you may send anyway",
                    List.of(new FieldError(consent, answer.reason(), "No " + outreach.purpose() + " consent on " + outreach.channel())));
        }
        if (OVERRIDING_ROLES.stream().noneMatch(caller::hasRole)) {
            throw TorreException.invalidField(ErrorCode.FORBIDDEN, "overrideReason", "not_allowed",
                    "Only " + String.join(", ", OVERRIDING_ROLES) + " may send without consent");
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("contactId", outreach.contactId().toString());
        payload.put("purpose", outreach.purpose());
        payload.put("channel", outreach.channel());
        payload.put("refusedBecause", answer.reason());
        payload.put("overrideReason", reason);
        events.append("consent", outreach.contactId(), "overridden", payload);
    }
}
