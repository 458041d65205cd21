package dev.torre.sla;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Type;

/** An SLA policy as the API shows it. */
@Type("SlaPolicy")
public record SlaPolicyView(UUID id, String name, int position, List<String> priorities, List<String> companyTiers,
        List<String> channels, List<SlaPolicyInput.Target> targets, UUID calendarId, long version, Instant createdAt,
        Instant updatedAt, Instant archivedAt) {

    /** The terms this policy gives a ticket of this priority; null when it has no target for it. */
    public SlaTermsView termsFor(String priority) {
        return targets.stream().filter(t -> t.priority().equals(priority)).findFirst()
                .map(t -> new SlaTermsView(id, calendarId, t.firstResponseMinutes(), t.resolutionMinutes())).orElse(null);
    }

    static SlaPolicyView of(SlaPolicy p) {
        return new SlaPolicyView(p.id, p.name, p.position, List.copyOf(p.priorities), List.copyOf(p.companyTiers),
                List.copyOf(p.channels), List.copyOf(p.targets), p.calendarId, p.version, p.createdAt, p.updatedAt, p.archivedAt);
    }
}
