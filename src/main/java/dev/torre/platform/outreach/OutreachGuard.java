package dev.torre.platform.outreach;

import java.util.UUID;

/**
 * Decides whether Torre may record an outbound message to a contact. The capability that
 * records outbound interactions calls every guard before writing; the capability that keeps
 * consent implements one. Neither needs to know the other.
 */
public interface OutreachGuard {

    /**
     * Refuses (with a {@link dev.torre.platform.error.TorreException}) an outreach the contact
     * has not allowed; returns normally when it may be recorded.
     */
    void check(Outreach outreach);

    /**
     * One outbound message about to be recorded.
     *
     * @param contactId      the contact it reaches
     * @param purpose        why it is sent (marketing, service_notifications, ...), or null when unknown
     * @param channel        the consent channel it uses (email, sms, whatsapp, phone, push, postal)
     * @param overrideReason the caller's stated reason to send it anyway, or null
     */
    record Outreach(UUID contactId, String purpose, String channel, String overrideReason) {
    }
}
