package dev.torre.overview;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.torre.company.CompanyService;
import dev.torre.company.CompanyView;
import dev.torre.contact.ContactService;
import dev.torre.contact.ContactView;
import dev.torre.deal.DealService;
import dev.torre.interaction.InteractionService;
import dev.torre.order.OrderService;
import dev.torre.platform.persistence.Clock;
import dev.torre.platform.security.RequiresScope;
import dev.torre.task.TaskService;
import dev.torre.task.TaskView;
import dev.torre.ticket.TicketService;

/** Assembles the 360° view of a contact from each capability's service: a fixed handful of queries, whatever the data. */
@ApplicationScoped
public class ContactOverviewService {

    static final int RECENT = 20;

    @Inject
    ContactService contacts;

    @Inject
    CompanyService companies;

    @Inject
    TicketService tickets;

    @Inject
    InteractionService interactions;

    @Inject
    TaskService tasks;

    @Inject
    DealService deals;

    @Inject
    OrderService orders;

    @RequiresScope("contacts:read")
    public ContactOverviewView overview(UUID contactId) {
        ContactView contact = contacts.get(contactId);
        CompanyView company = contact.companyId() == null ? null : companies.byIds(List.of(contact.companyId())).get(contact.companyId());
        List<TaskView> openTasks = tasks.openOfContact(contactId, RECENT);
        Instant now = Clock.now();
        Long days = contact.lastInteractionAt() == null ? null
                : Math.max(0, Duration.between(contact.lastInteractionAt(), now).toDays());
        ContactOverviewView.Counters counters = new ContactOverviewView.Counters(tickets.openCountOfContact(contactId),
                tasks.openCountOfContact(contactId), days, contact.purchases().lifetimeValue(), contact.leadScore(),
                contact.churnRisk());
        return new ContactOverviewView(contact, company, tickets.openOfContact(contactId, RECENT),
                interactions.latestOfContact(contactId, RECENT), openTasks, deals.openOf(List.of(contactId), RECENT).get(contactId),
                orders.latestOf(List.of(contactId), RECENT).get(contactId), counters);
    }
}
