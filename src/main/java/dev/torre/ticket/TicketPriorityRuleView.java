package dev.torre.ticket;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Type;

/** A priority rule as the API shows it. */
@Type("TicketPriorityRule")
public record TicketPriorityRuleView(UUID id, String name, int position, String companyTier, TicketChannel channel,
        TicketPriority priority, long version, Instant createdAt, Instant updatedAt, Instant archivedAt) {

    static TicketPriorityRuleView of(TicketPriorityRule r) {
        return new TicketPriorityRuleView(r.id, r.name, r.position, r.companyTier, r.channel, r.priority, r.version, r.createdAt,
                r.updatedAt, r.archivedAt);
    }
}
