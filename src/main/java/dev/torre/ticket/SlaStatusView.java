package dev.torre.ticket;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Type;

/**
 * Where one SLA target of a ticket stands: due time (null while paused or done), working
 * time remaining in seconds (negative when overdue), and whether it is breached.
 *
 * @param state running, paused, met or breached
 */
@Type("SlaStatus")
public record SlaStatusView(int targetMinutes, Instant dueAt, long remainingSeconds, boolean breached, String state) {
}
