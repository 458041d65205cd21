package dev.torre.overview;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.torre.company.CompanyService;
import dev.torre.company.CompanyView;
import dev.torre.contact.ContactLookupService;
import dev.torre.contact.ContactView;
import dev.torre.deal.DealService;
import dev.torre.deal.DealView;
import dev.torre.interaction.InteractionService;
import dev.torre.interaction.InteractionView;
import dev.torre.order.OrderService;
import dev.torre.order.OrderView;
import dev.torre.platform.audit.BulkReadGuard;
import dev.torre.platform.security.Permissions;
import dev.torre.platform.security.RequiresScope;
import dev.torre.platform.time.ServerClock;
import dev.torre.task.TaskService;
import dev.torre.task.TaskView;
import dev.torre.ticket.TicketService;
import dev.torre.ticket.TicketView;

/** Assembles the 360° view of a contact from each capability's service: a fixed handful of queries, whatever the data. */
@ApplicationScoped
public class ContactOverviewService {

    @Inject
    ServerClock clock;

    static final int RECENT = 20;

    @Inject
    ContactLookupService contacts;

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

    @Inject
    Permissions permissions;

    @Inject
    BulkReadGuard bulkReads;

    /**
     * The overview; each part the caller's roles or token may not read is left out (null) and named in
     * {@code withheld}, rather than failing the whole view.
     */
    @RequiresScope("contacts:read")
    public ContactOverviewView overview(UUID contactId) {
        // its list parts are bulk reads, kept in one statement when the view is read rather than one commit each
        return bulkReads.together(() -> read(contactId));
    }

    private ContactOverviewView read(UUID contactId) {
        ContactView contact = contacts.get(contactId);
        List<String> withheld = new ArrayList<>();
        CompanyView company = contact.companyId() == null ? null
                : readable("companies", "company", withheld, () -> companies.byIds(List.of(contact.companyId())).get(contact.companyId()));
        List<TicketView> openTickets = readable("tickets", "openTickets", withheld, () -> tickets.openOfContact(contactId, RECENT));
        List<InteractionView> recent = readable("interactions", "recentInteractions", withheld,
                () -> interactions.latestOfContact(contactId, RECENT));
        List<TaskView> openTasks = readable("tasks", "openTasks", withheld, () -> tasks.openOfContact(contactId, RECENT));
        List<DealView> openDeals = readable("deals", "openDeals", withheld,
                () -> deals.openOf(List.of(contactId), RECENT).get(contactId));
        List<OrderView> recentOrders = readable("orders", "recentOrders", withheld,
                () -> orders.latestOf(List.of(contactId), RECENT).get(contactId));
        Long days = contact.lastInteractionAt() == null ? null
                : Math.max(0, Duration.between(contact.lastInteractionAt(), clock.now()).toDays());
        ContactOverviewView.Counters counters = new ContactOverviewView.Counters(
                readable("tickets", "counters.openTicketCount", withheld, () -> count(openTickets, () -> tickets.openCountOfContact(contactId))),
                readable("tasks", "counters.openTaskCount", withheld, () -> count(openTasks, () -> tasks.openCountOfContact(contactId))),
                days, contact.purchases().lifetimeValue(), contact.leadScore(), contact.churnRisk());
        return new ContactOverviewView(contact, company, openTickets, recent, openTasks, openDeals, recentOrders, counters,
                withheld);
    }

    /**
     * How many records match, from the page already read when it holds all of them (fewer than {@link #RECENT}: the
     * count and the page share one condition), so that only a contact with more open items costs a count query.
     */
    private static long count(List<?> page, Supplier<Long> query) {
        return page != null && page.size() < RECENT ? page.size() : query.get();
    }

    /** A part read only when the caller may read {@code records}; otherwise null, and its name noted. */
    private <T> T readable(String records, String part, List<String> withheld, Supplier<T> read) {
        if (permissions.allows(records + ":read")) {
            return read.get();
        }
        withheld.add(part);
        return null;
    }
}
