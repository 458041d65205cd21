package dev.torre.workflow;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.event.EventLog;
import dev.torre.platform.ids.Ids;
import dev.torre.platform.persistence.Sql;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.security.RequiresScope;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.time.ServerClock;
import dev.torre.platform.time.TimeZones;

/**
 * The only writer of a tenant's messaging settings (one row, {@code messaging_settings}); a tenant that has set none
 * gets the server's {@code torre.workflows.messages.*}. {@link #effective()} is what {@code send_message} applies.
 */
@ApplicationScoped
public class MessagingSettings {

    @Inject
    ServerClock clock;

    private static final Duration SHORTEST_WINDOW = Duration.ofHours(1);
    private static final Duration LONGEST_WINDOW = Duration.ofDays(366);

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    EventLog events;

    @Inject
    WorkflowConfig config;

    /** The settings resolved for sending: the zone for contacts without one, quiet hours (none: empty), caps. */
    record Effective(ZoneId zone, Optional<LocalTime[]> quiet, List<Limit> caps, List<String> cappedPurposes, boolean skipWhenCapped) {

        /** When quiet hours end, if {@code now} is inside them in this zone. */
        Optional<Instant> quietUntil(Instant now, ZoneId in) {
            return quiet.flatMap(q -> Messages.quietUntil(now, q[0], q[1], in));
        }
    }

    /** One cap as sending applies it; {@code channel} null counts every channel. */
    record Limit(String channel, int max, Duration window) {
    }

    private record Stored(UUID id, MessagingSettingsInput settings, long version, Instant updatedAt) {
    }

    @Transactional
    @RequiresScope("messaging-settings:read")
    public MessagingSettingsView get() {
        return stored().map(s -> view(s.settings(), true, s.version(), s.updatedAt())).orElseGet(() -> view(defaults(), false, 0, null));
    }

    /** Replaces the tenant's settings whole; {@code expectedVersion} (If-Match) guards against a lost update. */
    @Transactional
    @RequiresScope("messaging-settings:write")
    public MessagingSettingsView put(@Valid @NotNull MessagingSettingsInput input, Long expectedVersion) {
        MessagingSettingsInput next = normalise(input);
        Optional<Stored> current = stored();
        long version = current.map(Stored::version).orElse(0L);
        if (expectedVersion != null && expectedVersion != version) {
            throw new TorreException(ErrorCode.PRECONDITION_FAILED, "The messaging settings are at version " + version + ", not "
                    + expectedVersion + "; read them again and retry");
        }
        Instant now = clock.now();
        UUID id = current.map(Stored::id).orElseGet(Ids::next);
        if (current.isPresent() && current.get().settings().equals(next)) {
            return view(next, true, version, current.get().updatedAt());
        }
        Sql.update(em, SqlFragment.of("""
                insert into messaging_settings (tenant_id, id, settings, version, created_at, updated_at)
                values (?, ?, cast(? as jsonb), 1, ?, ?)
                on conflict (tenant_id) do update set settings = excluded.settings, version = messaging_settings.version + 1,
                    updated_at = excluded.updated_at
                """, TenantContext.current(), id, write(next), now, now));
        events.append("messaging_settings", id, "updated", Map.of("settings", json.convertValue(next, Map.class)));
        return view(next, true, version + 1, now);
    }

    /** What sending applies now for the current tenant. */
    Effective effective() {
        MessagingSettingsInput s = stored().map(Stored::settings).orElseGet(this::defaults);
        Optional<LocalTime[]> quiet = Optional.ofNullable(s.quietHours())
                .map(q -> new LocalTime[] { LocalTime.parse(q.start()), LocalTime.parse(q.end()) });
        List<Limit> caps = s.caps().stream().map(c -> new Limit("any".equals(c.channel()) ? null : c.channel(), c.max(),
                Duration.parse(c.window()))).toList();
        return new Effective(ZoneId.of(s.timeZone()), quiet, caps, s.cappedPurposes(), "skip".equals(s.whenCapped()));
    }

    /** The server's configuration in the shape of a tenant's settings. */
    MessagingSettingsInput defaults() {
        WorkflowConfig.Messages m = config.messages();
        MessagingSettingsInput.QuietHours quiet = m.quietStart().equals(m.quietEnd()) ? null
                : new MessagingSettingsInput.QuietHours(m.quietStart().toString(), m.quietEnd().toString());
        return new MessagingSettingsInput(m.timeZone(), quiet, List.of(new MessagingSettingsInput.Cap("any", m.cap(), m.capWindow().toString())),
                List.copyOf(m.cappedPurposes()), m.whenCapped());
    }

    private Optional<Stored> stored() {
        return Sql.query(em, SqlFragment.of("select id, settings::text, version, updated_at from messaging_settings where tenant_id = ?",
                TenantContext.current()), r -> new Stored(Sql.uuid(r, 1), read(r.getString(2)), r.getLong(3),
                        r.getTimestamp(4).toInstant())).stream().findFirst();
    }

    /** Rules Bean Validation cannot say: a real zone, windows that parse and are sensible, no two caps alike, quiet hours of some length. */
    private static MessagingSettingsInput normalise(MessagingSettingsInput in) {
        String zone = TimeZones.check("timeZone", in.timeZone());
        if (in.quietHours() != null && in.quietHours().start().equals(in.quietHours().end())) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, "quietHours.end", "invalid_value",
                    "Quiet hours that end when they start are none: send quietHours null instead");
        }
        Set<String> seen = new HashSet<>();
        List<MessagingSettingsInput.Cap> caps = new java.util.ArrayList<>();
        for (int i = 0; i < in.caps().size(); i++) {
            MessagingSettingsInput.Cap c = in.caps().get(i);
            Duration window;
            try {
                window = Duration.parse(c.window());
            } catch (DateTimeParseException e) {
                throw TorreException.invalidField(ErrorCode.VALIDATION, "caps[" + i + "].window", "invalid_value",
                        "An ISO-8601 duration such as P7D or PT12H");
            }
            if (window.compareTo(SHORTEST_WINDOW) < 0 || window.compareTo(LONGEST_WINDOW) > 0) {
                throw TorreException.invalidField(ErrorCode.VALIDATION, "caps[" + i + "].window", "out_of_range",
                        "A window from PT1H to P366D");
            }
            if (!seen.add(c.channel() + "/" + window)) {
                throw TorreException.invalidField(ErrorCode.VALIDATION, "caps[" + i + "]", "duplicate",
                        "Another cap already counts channel " + c.channel() + " over " + window);
            }
            caps.add(new MessagingSettingsInput.Cap(c.channel(), c.max(), c.window().trim()));
        }
        return new MessagingSettingsInput(zone, in.quietHours(), List.copyOf(caps), in.cappedPurposes().stream().map(String::trim)
                .distinct().toList(), in.whenCapped());
    }

    private static MessagingSettingsView view(MessagingSettingsInput s, boolean custom, long version, Instant updatedAt) {
        return new MessagingSettingsView(s.timeZone(), s.quietHours(), s.caps(), s.cappedPurposes(), s.whenCapped(), custom, version, updatedAt);
    }

    private String write(MessagingSettingsInput s) {
        try {
            return json.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private MessagingSettingsInput read(String text) {
        try {
            return json.readValue(text, MessagingSettingsInput.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored messaging settings no longer read: " + e.getMessage(), e);
        }
    }
}
