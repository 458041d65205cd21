package dev.torre.ticket;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.torre.platform.access.Access;
import dev.torre.platform.access.GuardedType;

/**
 * Tickets under the access policy (SLA policies, calendars and priority rules share the
 * {@code tickets} scopes): service works them, sales and legal read them.
 */
public class TicketAccess {

    @Produces
    @Singleton
    GuardedType ticketType() {
        return new GuardedType("ticket", "tickets", "Ticket", TicketView.class,
                List.of("subject", "description", "priority", "channel", "contactId", "companyId", "assigneeId", "tags",
                        "externalId", "properties", "csatScore", "csatComment"),
                Map.of("readonly", Access.READ, "sales", Access.READ, "service", Access.READ_WRITE, "legal", Access.READ));
    }
}
