package dev.torre.overview;

import java.math.BigDecimal;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

import dev.torre.company.CompanyView;
import dev.torre.contact.ContactView;
import dev.torre.deal.DealView;
import dev.torre.interaction.InteractionView;
import dev.torre.order.OrderView;
import dev.torre.platform.money.Money;
import dev.torre.task.TaskView;
import dev.torre.ticket.TicketView;

/**
 * Everything a support agent or seller looks at first about a contact, in one answer.
 * Deals, orders and the lifetime value come from the sales capability; the lead score from scoring
 * (through the contact view).
 */
@Type("ContactOverview")
public record ContactOverviewView(
        ContactView contact,
        CompanyView company,
        @Description("Open tickets, oldest first, each with its SLA state (at most 20)") List<TicketView> openTickets,
        @Description("The last 20 interactions, newest first") List<InteractionView> recentInteractions,
        @Description("Open tasks, soonest due first (at most 20)") List<TaskView> openTasks,
        @Description("Open deals (not won or lost) where the contact is the primary contact or a participant, newest first (at most 20)") List<DealView> openDeals,
        @Description("The last 20 orders, latest placed first") List<OrderView> recentOrders,
        Counters counters,
        @Description("The parts left out (null) because the caller's roles or token may not read them, e.g. recentOrders") List<String> withheld) {

    /** The numbers that matter first. */
    @Type("ContactCounters")
    public record Counters(
            @Description("Null when tickets are withheld") Long openTicketCount,
            @Description("Null when tasks are withheld") Long openTaskCount,
            @Description("Whole days since the last interaction; null when there has been none") Long daysSinceLastContact,
            @Description("Lifetime value of paid and fulfilled orders, one amount per currency; empty without purchases") List<Money> lifetimeValue,
            @Description("The lead score (0-100) kept by scoring; null before it has scored the contact") Integer leadScore,
            @Description("A customer's churn risk (0-1) once a churn model is ready; null otherwise") BigDecimal churnRisk) {
    }
}
