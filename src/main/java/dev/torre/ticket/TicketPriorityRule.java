package dev.torre.ticket;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import dev.torre.platform.persistence.TenantEntity;

/** "Tickets of platinum companies by phone are urgent": one rule, tried in position order. Written only by {@link TicketPriorityRuleService}. */
@Entity
@Table(name = "ticket_priority_rule")
public class TicketPriorityRule extends TenantEntity {

    public String name;

    @Column(nullable = false)
    public int position;

    @Column(name = "company_tier")
    public String companyTier;

    public TicketChannel channel;

    @Column(nullable = false)
    public TicketPriority priority;

    public Integer position() {
        return position;
    }
}
