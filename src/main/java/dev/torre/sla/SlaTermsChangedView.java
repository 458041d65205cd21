package dev.torre.sla;

import java.util.UUID;

/**
 * What changed in the terms open tickets count their SLA by — a business calendar's hours, or a
 * policy's targets and calendar — announced (as a CDI event) inside the transaction of the change,
 * so the tickets' stored due times move with it before anything reads them.
 *
 * @param calendarId the calendar whose hours changed, or null
 * @param policy     the policy as it now stands, or null
 */
public record SlaTermsChangedView(UUID calendarId, SlaPolicyView policy) {
}
