package dev.torre.sla;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.persistence.RecordService;
import dev.torre.platform.query.FieldRegistry;
import dev.torre.platform.query.FieldType;

/** The only place that writes SLA policies, and the one that says which applies to a new ticket. */
@ApplicationScoped
public class SlaPolicyService extends RecordService<SlaPolicy, SlaPolicyInput, SlaPolicyView> {

    /** The ticket priorities, company tiers and channels conditions may name (as the ticket and company APIs spell them). */
    public static final List<String> PRIORITIES = List.of("low", "normal", "high", "urgent");
    public static final List<String> TIERS = List.of("standard", "silver", "gold", "platinum");
    public static final List<String> CHANNELS = List.of("email", "phone", "chat", "whatsapp", "sms", "web", "api", "social", "other");

    static final FieldRegistry<SlaPolicy> REGISTRY = FieldRegistry.<SlaPolicy>builder("slaPolicy", "c.id", SlaPolicy::id)
            .field("name", "c.name", FieldType.STRING, p -> p.name).sortable()
            .field("position", "c.position", FieldType.NUMBER, SlaPolicy::position).sortable()
            .build();

    private static final Kind<SlaPolicy, SlaPolicyInput> KIND = new Kind<>(
            "sla_policy", SlaPolicy.class, SlaPolicy::new, SlaPolicyInput.class,
            "sla_policy", "tickets", "/v1/sla-policies", REGISTRY, List.of(), Map.of());

    @Inject
    BusinessCalendarService calendars;

    @Inject
    Event<SlaTermsChangedView> termsChanged;

    /** The active policies in the order they are tried, read once by callers that match many tickets. */
    public List<SlaPolicyView> active() {
        return em.createQuery("select p from SlaPolicy p where p.archivedAt is null order by p.position, p.id", SlaPolicy.class)
                .getResultStream().map(SlaPolicyView::of).toList();
    }

    /** The terms of the first of these policies whose conditions match and which has a target for this priority; null when none. */
    public static SlaTermsView match(List<SlaPolicyView> policies, String priority, String companyTier, String channel) {
        for (SlaPolicyView p : policies) {
            if (matches(p.priorities(), priority) && matches(p.companyTiers(), companyTier) && matches(p.channels(), channel)) {
                for (SlaPolicyInput.Target t : p.targets()) {
                    if (t.priority().equals(priority)) {
                        return new SlaTermsView(p.id(), p.calendarId(), t.firstResponseMinutes(), t.resolutionMinutes());
                    }
                }
            }
        }
        return null;
    }

    private static boolean matches(List<String> allowed, String value) {
        return allowed.isEmpty() || value != null && allowed.contains(value);
    }

    // --- the policy's own rules ---

    @Override
    protected SlaPolicyView view(SlaPolicy record) {
        return SlaPolicyView.of(record);
    }

    @Override
    protected Kind<SlaPolicy, SlaPolicyInput> kind() {
        return KIND;
    }

    @Override
    public SlaPolicyInput inputOf(SlaPolicy p) {
        return new SlaPolicyInput(p.name, p.position, List.copyOf(p.priorities), List.copyOf(p.companyTiers),
                List.copyOf(p.channels), List.copyOf(p.targets), p.calendarId);
    }

    @Override
    public SlaPolicyInput normalise(SlaPolicyInput in) {
        List<SlaPolicyInput.Target> targets = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < in.targets().size(); i++) {
            SlaPolicyInput.Target t = in.targets().get(i);
            String field = "targets[" + i + "]";
            String priority = oneOf(t.priority(), PRIORITIES, field + ".priority");
            if (!seen.add(priority)) {
                throw TorreException.invalidField(ErrorCode.VALIDATION, field + ".priority", "duplicate",
                        "Each priority has one target");
            }
            if (t.firstResponseMinutes() == null && t.resolutionMinutes() == null) {
                throw TorreException.invalidField(ErrorCode.VALIDATION, field, "required",
                        "A target needs firstResponseMinutes, resolutionMinutes or both");
            }
            targets.add(new SlaPolicyInput.Target(priority, t.firstResponseMinutes(), t.resolutionMinutes()));
        }
        return new SlaPolicyInput(in.name().trim(), in.position() == null ? 0 : in.position(),
                values(in.priorities(), PRIORITIES, "priorities"), values(in.companyTiers(), TIERS, "companyTiers"),
                values(in.channels(), CHANNELS, "channels"), targets, in.calendarId());
    }

    private static List<String> values(List<String> given, List<String> allowed, String field) {
        Set<String> values = new LinkedHashSet<>();
        if (given != null) {
            for (int i = 0; i < given.size(); i++) {
                values.add(oneOf(given.get(i), allowed, field + "[" + i + "]"));
            }
        }
        return List.copyOf(values);
    }

    private static String oneOf(String value, List<String> allowed, String field) {
        String v = value == null ? null : value.trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw new TorreException(ErrorCode.VALIDATION, "'" + field + "' must be one of " + String.join(", ", allowed),
                    List.of(new FieldError(field, "invalid_value", "One of " + String.join(", ", allowed))));
        }
        return v;
    }

    @Override
    public Map<Integer, TorreException> checkReferences(Map<Integer, SlaPolicyInput> inputs) {
        Set<UUID> wanted = new LinkedHashSet<>();
        inputs.values().forEach(i -> {
            if (i.calendarId() != null) {
                wanted.add(i.calendarId());
            }
        });
        Set<UUID> found = wanted.isEmpty() ? Set.of() : calendars.existing(wanted);
        Map<Integer, TorreException> failures = new java.util.LinkedHashMap<>();
        inputs.forEach((i, input) -> {
            if (input.calendarId() != null && !found.contains(input.calendarId())) {
                failures.put(i, TorreException.invalidField(ErrorCode.VALIDATION, "calendarId", "not_found", "No such business calendar"));
            }
        });
        return failures;
    }

    /** A change moves the due times of the open tickets that count by it, in the same transaction. */
    @Override
    public boolean change(SlaPolicy entity, SlaPolicyInput input) {
        boolean changed = super.change(entity, input);
        if (changed) {
            flush();
            termsChanged.fire(new SlaTermsChangedView(null, SlaPolicyView.of(entity)));
        }
        return changed;
    }

    @Override
    protected void apply(SlaPolicy p, SlaPolicyInput in) {
        p.name = in.name();
        p.position = in.position();
        p.priorities = new ArrayList<>(in.priorities());
        p.companyTiers = new ArrayList<>(in.companyTiers());
        p.channels = new ArrayList<>(in.channels());
        p.targets = new ArrayList<>(in.targets());
        p.calendarId = in.calendarId();
    }
}
