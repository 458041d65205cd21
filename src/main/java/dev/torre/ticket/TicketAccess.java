package dev.torre.ticket;

import java.util.Map;
import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.torre.platform.access.Access;
import dev.torre.platform.access.GuardedType;

/**
 * Tickets under the access policy (SLA policies, calendars and priority rules share the
 * {@code tickets} scopes): service works them, sales and legal read them. No policy hides where a ticket stands in
 * its life (status, opened, resolved), which SLAs and reports read; the satisfaction answer may be hidden.
 */
public class TicketAccess {

    @Produces
    @Singleton
    GuardedType ticketType() {
        return GuardedType.of(TicketService.KIND, TicketView.class,
                Set.of("status", "openedAt", "resolvedAt"), Set.of("csatScore", "csatComment"),
                Map.of("readonly", Access.READ, "sales", Access.READ, "service", Access.READ_WRITE, "legal", Access.READ));
    }
}
