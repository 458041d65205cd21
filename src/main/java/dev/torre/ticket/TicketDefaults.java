package dev.torre.ticket;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.TransactionScoped;

import dev.torre.company.CompanyService;
import dev.torre.contact.ContactLookupService;
import dev.torre.platform.time.BusinessHours;
import dev.torre.sla.BusinessCalendarService;
import dev.torre.sla.SlaPolicyService;
import dev.torre.sla.SlaPolicyView;
import dev.torre.sla.SlaTermsView;

/**
 * What new tickets take from elsewhere — the contact's company, its tier, the priority rules,
 * the SLA policies and their calendars — read once per transaction, so a batch of 1000
 * tickets costs a handful of queries rather than thousands.
 */
@TransactionScoped
public class TicketDefaults {

    @Inject
    ContactLookupService contacts;

    @Inject
    CompanyService companies;

    @Inject
    TicketPriorityRuleService priorityRules;

    @Inject
    SlaPolicyService policies;

    @Inject
    BusinessCalendarService calendars;

    private final Map<UUID, UUID> companyOfContact = new HashMap<>();
    private final Set<UUID> contactsRead = new HashSet<>();
    private final Map<UUID, String> tierOfCompany = new HashMap<>();
    private final Set<UUID> companiesRead = new HashSet<>();
    private final Map<UUID, BusinessHours> hours = new HashMap<>();
    private List<TicketPriorityRuleView> rules;
    private List<SlaPolicyView> activePolicies;

    /** Reads the companies of these inputs' contacts and the tiers of all their companies: two queries. */
    void prefetch(Collection<TicketInput> inputs) {
        Set<UUID> contactIds = new LinkedHashSet<>();
        inputs.forEach(in -> {
            if (in.contactId() != null && !contactsRead.contains(in.contactId())) {
                contactIds.add(in.contactId());
            }
        });
        if (!contactIds.isEmpty()) {
            companyOfContact.putAll(contacts.companiesOf(contactIds));
            contactsRead.addAll(contactIds);
        }
        Set<UUID> companyIds = new LinkedHashSet<>();
        inputs.forEach(in -> {
            UUID company = in.companyId() != null ? in.companyId() : companyOfContact.get(in.contactId());
            if (company != null && !companiesRead.contains(company)) {
                companyIds.add(company);
            }
        });
        if (!companyIds.isEmpty()) {
            tierOfCompany.putAll(companies.tiersOf(companyIds));
            companiesRead.addAll(companyIds);
        }
    }

    /** The ticket's company: the one given, else its contact's. */
    UUID companyOf(TicketInput in) {
        prefetch(List.of(in));
        return in.companyId() != null ? in.companyId() : companyOfContact.get(in.contactId());
    }

    String tierOf(UUID companyId) {
        return companyId == null ? null : tierOfCompany.get(companyId);
    }

    TicketPriority priority(String tier, TicketChannel channel) {
        if (rules == null) {
            rules = priorityRules.active();
        }
        return TicketPriorityRuleService.priorityFor(rules, tier, channel);
    }

    SlaTermsView terms(TicketPriority priority, String tier, TicketChannel channel) {
        if (activePolicies == null) {
            activePolicies = policies.active();
        }
        return SlaPolicyService.match(activePolicies, priority.wire(), tier, channel == null ? null : channel.wire());
    }

    BusinessHours hours(UUID calendarId) {
        return hours.computeIfAbsent(calendarId, calendars::hours);
    }
}
