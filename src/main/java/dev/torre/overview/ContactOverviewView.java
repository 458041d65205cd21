package dev.torre.overview;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Type;

import dev.torre.company.CompanyView;
import dev.torre.contact.ContactView;
import dev.torre.interaction.InteractionView;
import dev.torre.task.TaskView;
import dev.torre.ticket.TicketView;

/**
 * Everything a support agent or seller looks at first about a contact, in one answer.
 * {@code openDeals}, {@code recentOrders} and {@code lifetimeValue} are slots for the sales
 * capability (deals, orders): empty until it is wired in.
 */
@Type("ContactOverview")
public record ContactOverviewView(
        ContactView contact,
        CompanyView company,
        @Description("Open tickets, oldest first, each with its SLA state (at most 20)") List<TicketView> openTickets,
        @Description("The last 20 interactions, newest first") List<InteractionView> recentInteractions,
        @Description("Open tasks, soonest due first (at most 20)") List<TaskView> openTasks,
        @Ignore @Description("Slot for the sales capability: open deals") List<Object> openDeals,
        @Ignore @Description("Slot for the sales capability: recent orders") List<Object> recentOrders,
        Counters counters) {

    /** The numbers that matter first. */
    @Type("ContactCounters")
    public record Counters(
            long openTicketCount,
            long openTaskCount,
            @Description("Whole days since the last interaction; null when there has been none") Long daysSinceLastContact,
            @Description("Slot for the sales capability: lifetime value as a decimal string; null until wired") String lifetimeValue) {
    }
}
