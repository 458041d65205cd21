package dev.torre.ticket;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import dev.torre.platform.error.TorreException;
import dev.torre.platform.persistence.RecordService;
import dev.torre.platform.query.FieldRegistry;
import dev.torre.platform.query.FieldType;

/** The only place that writes priority rules, and the one that evaluates them. */
@ApplicationScoped
public class TicketPriorityRuleService extends RecordService<TicketPriorityRule, TicketPriorityRuleInput, TicketPriorityRuleView> {

    static final FieldRegistry<TicketPriorityRule> REGISTRY = FieldRegistry
            .<TicketPriorityRule>builder("ticketPriorityRule", "c.id", TicketPriorityRule::id)
            .field("position", "c.position", FieldType.NUMBER, TicketPriorityRule::position).sortable()
            .build();

    private static final Kind<TicketPriorityRule, TicketPriorityRuleInput> KIND = new Kind<>(
            "ticket_priority_rule", TicketPriorityRule.class, TicketPriorityRule::new, TicketPriorityRuleInput.class,
            "ticket_priority_rule", "tickets", "/v1/ticket-priority-rules", REGISTRY, List.of(), Map.of());

    /** The active rules in the order they are tried. */
    List<TicketPriorityRuleView> active() {
        return em.createQuery("select r from TicketPriorityRule r where r.archivedAt is null order by r.position, r.id",
                TicketPriorityRule.class).getResultStream().map(TicketPriorityRuleView::of).toList();
    }

    /** The priority of the first of these rules matching the company tier and channel, or normal. */
    static TicketPriority priorityFor(List<TicketPriorityRuleView> rules, String companyTier, TicketChannel channel) {
        for (TicketPriorityRuleView r : rules) {
            if ((r.companyTier() == null || r.companyTier().equals(companyTier)) && (r.channel() == null || r.channel() == channel)) {
                return r.priority();
            }
        }
        return TicketPriority.NORMAL;
    }

    // --- the rule's own rules ---

    @Override
    protected TicketPriorityRuleView view(TicketPriorityRule record) {
        return TicketPriorityRuleView.of(record);
    }

    @Override
    protected Kind<TicketPriorityRule, TicketPriorityRuleInput> kind() {
        return KIND;
    }

    @Override
    public TicketPriorityRuleInput inputOf(TicketPriorityRule r) {
        return new TicketPriorityRuleInput(r.name, r.position, r.companyTier, r.channel, r.priority);
    }

    @Override
    public TicketPriorityRuleInput normalise(TicketPriorityRuleInput in) {
        return new TicketPriorityRuleInput(blankToNull(in.name()), Objects.requireNonNullElse(in.position(), 0), in.companyTier(),
                in.channel(), in.priority());
    }

    @Override
    public Map<Integer, TorreException> checkReferences(Map<Integer, TicketPriorityRuleInput> inputs) {
        return Map.of();
    }

    @Override
    protected void apply(TicketPriorityRule r, TicketPriorityRuleInput in) {
        r.name = in.name();
        r.position = in.position();
        r.companyTier = in.companyTier();
        r.channel = in.channel();
        r.priority = in.priority();
    }
}
