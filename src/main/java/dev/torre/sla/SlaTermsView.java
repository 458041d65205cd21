package dev.torre.sla;

import java.util.UUID;

/**
 * What a ticket gets from the policy that matched it: the policy, the calendar its
 * targets count in (null: calendar hours) and the two targets in minutes (null: none).
 */
public record SlaTermsView(UUID policyId, UUID calendarId, Integer firstResponseMinutes, Integer resolutionMinutes) {
}
