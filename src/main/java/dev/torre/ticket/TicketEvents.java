package dev.torre.ticket;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.torre.platform.event.DeclaredEvents;

/** The event types tickets and their surveys write besides the shared record operations. */
public class TicketEvents {

    @Produces
    @Singleton
    DeclaredEvents ticketEvents() {
        return DeclaredEvents.of("ticket", "first_responded", "csat_received", "resolved", "reopened", "stale", "sla_warning", "sla_breached");
    }

    @Produces
    @Singleton
    DeclaredEvents npsResponseEvents() {
        return DeclaredEvents.of("nps_response", "created");
    }
}
