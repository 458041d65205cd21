package dev.torre.workflow;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.JsonNode;

import dev.torre.interaction.InteractionService;
import dev.torre.interaction.InteractionView;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.event.EventLog;
import dev.torre.platform.ids.Ids;
import dev.torre.platform.outreach.OutreachGuard;
import dev.torre.platform.persistence.Sql;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.time.ServerClock;

/**
 * {@code send_message}: Torre sends nothing itself. At the moment of sending it honours quiet hours (in the contact's
 * time zone, else the tenant's) and the tenant's frequency caps ({@link MessagingSettings}), asks the outreach guards (consent) for this purpose and channel, records an outbound interaction
 * with status {@code queued} and emits {@code message.requested}, which webhook subscriptions deliver to the delivery
 * partner; or it says in the run why it waits or skips.
 */
@ApplicationScoped
class Messages {

    @Inject
    ServerClock clock;

    @Inject
    RecordTypes types;

    @Inject
    RecordSteps records;

    @Inject
    Instance<OutreachGuard> guards;

    @Inject
    InteractionService interactions;

    @Inject
    EventLog events;

    @Inject
    EntityManager em;

    @Inject
    MessagingSettings settings;

    Outcome send(JsonNode step, Ctx ctx) {
        Optional<UUID> contact = types.contactOf(ctx.recordType(), ctx.recordId());
        if (contact.isEmpty()) {
            return Outcome.skipped("no_contact", Map.of());
        }
        String channel = step.path("channel").asText();
        String purpose = step.path("purpose").asText();
        Instant now = clock.now();
        MessagingSettings.Effective rules = settings.effective();
        Map<String, JsonNode> vars = records.vars(ctx);
        JsonNode person = vars.getOrDefault("contact", vars.get(""));
        ZoneId zone = person.hasNonNull("timeZone") ? ZoneId.of(person.path("timeZone").asText()) : rules.zone();
        Optional<Instant> quietUntil = rules.quietUntil(now, zone);
        if (quietUntil.isPresent()) {
            // deferred, not dropped: the run waits until the quiet hours end and then decides again (consent, caps)
            return Outcome.waiting("quiet_hours", quietUntil.get(), Map.of("timeZone", zone.getId()));
        }
        try {
            guards.forEach(g -> g.check(new OutreachGuard.Outreach(contact.get(), purpose, channel, null)));
        } catch (TorreException e) {
            return Outcome.skipped("consent", Map.of("purpose", purpose, "channel", channel, "problem", e.getMessage()));
        }
        Optional<Capped> capped = cappedUntil(rules, contact.get(), purpose, channel, now);
        if (capped.isPresent()) {
            Map<String, Object> cap = Map.of("cap", capped.get().limit().max(), "window", capped.get().limit().window().toString(),
                    "channel", capped.get().limit().channel() == null ? "any" : capped.get().limit().channel());
            return rules.skipWhenCapped() ? Outcome.skipped("frequency_cap", cap) : Outcome.waiting("frequency_cap", capped.get().until(), cap);
        }
        String subject = Templates.render(step.path("subject").asText(null), vars);
        String body = Templates.render(step.path("body").asText(), vars);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("channel", channel);
        detail.put("purpose", purpose);
        detail.put("contactId", contact.get().toString());
        if (ctx.dry()) {
            // a run keeps ids, not rendered text: personal data stays in the interaction erasure and export know
            detail.put("subject", subject);
            detail.put("body", body);
            return Outcome.completed(detail);
        }
        InteractionView message = interactions.recordQueued(contact.get(), channel, purpose, subject, body);
        Sql.update(em, SqlFragment.of("insert into workflow_message (tenant_id, id, contact_id, purpose, channel, run_id, sent_at)"
                + " values (?, ?, ?, ?, ?, ?, ?)", TenantContext.current(), Ids.next(), contact.get(), purpose, channel, ctx.runId(), now));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("interactionId", message.id().toString());
        payload.put("contactId", contact.get().toString());
        payload.put("channel", channel);
        payload.put("purpose", purpose);
        payload.put("to", "email".equals(channel) ? person.path("email").asText(null) : person.path("phone").asText(null));
        payload.put("subject", subject);
        payload.put("body", body);
        payload.put("workflowId", ctx.workflowId().toString());
        payload.put("runId", ctx.runId().toString());
        events.append("message", message.id(), "requested", payload);
        detail.put("interactionId", message.id().toString());
        return Outcome.completed(detail);
    }

    /** When the quiet hours from start to end (across midnight when start is later) end, if now is inside them; start = end: none. */
    static Optional<Instant> quietUntil(Instant now, LocalTime start, LocalTime end, ZoneId zone) {
        if (start.equals(end)) {
            return Optional.empty();
        }
        ZonedDateTime local = now.atZone(zone);
        LocalTime t = local.toLocalTime();
        boolean quiet = start.isBefore(end) ? !t.isBefore(start) && t.isBefore(end) : !t.isBefore(start) || t.isBefore(end);
        if (!quiet) {
            return Optional.empty();
        }
        ZonedDateTime until = local.with(end);
        return Optional.of((until.isAfter(local) ? until : until.plusDays(1)).toInstant());
    }

    /** A full cap and when it has room again. */
    private record Capped(MessagingSettings.Limit limit, Instant until) {
    }

    /**
     * The cap that holds this message longest, if any is full: each counts the contact's messages of this (capped)
     * purpose within its window, on its channel or on every channel.
     */
    private Optional<Capped> cappedUntil(MessagingSettings.Effective rules, UUID contact, String purpose, String channel, Instant now) {
        if (!rules.cappedPurposes().contains(purpose)) {
            return Optional.empty();
        }
        // runs about one contact may send at once (several wake threads or instances): the count and the send that
        // follows it are serialised per contact until the transaction ends, so two cannot both take the last place
        Sql.query(em, SqlFragment.of("select pg_advisory_xact_lock(hashtext('workflow_message:' || ? || ':' || ?))", TenantContext.current(),
                contact.toString()), r -> 1);
        Optional<Capped> longest = Optional.empty();
        for (MessagingSettings.Limit limit : rules.caps()) {
            if (limit.channel() != null && !limit.channel().equals(channel)) {
                continue;
            }
            // a cap on one channel counts that channel's messages; an "any" cap counts them all
            var sent = Sql.query(em, SqlFragment.of("select sent_at from workflow_message where tenant_id = ? and contact_id = ? and purpose = ?"
                    + " and channel like ? and sent_at > ? order by sent_at desc limit ?", TenantContext.current(),
                    contact, purpose, limit.channel() == null ? "%" : limit.channel(), now.minus(limit.window()), limit.max()),
                    r -> r.getTimestamp(1).toInstant());
            if (sent.size() >= limit.max()) {
                Instant until = sent.getLast().plus(limit.window());
                if (longest.isEmpty() || until.isAfter(longest.get().until())) {
                    longest = Optional.of(new Capped(limit, until));
                }
            }
        }
        return longest;
    }
}
