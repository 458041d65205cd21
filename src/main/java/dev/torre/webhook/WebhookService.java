package dev.torre.webhook;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.torre.platform.access.HiddenFieldQueries;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.feed.EventCatalog;
import dev.torre.platform.feed.EventFeed;
import dev.torre.platform.persistence.RecordService;
import dev.torre.platform.crypto.Sealer;
import dev.torre.platform.ids.Ids;
import dev.torre.platform.query.Filter;
import dev.torre.platform.query.FilterCompiler;
import dev.torre.platform.query.FilterParser;
import dev.torre.platform.query.ListRequest;
import dev.torre.platform.security.Permissions;
import dev.torre.platform.security.RequiresScope;
import dev.torre.platform.tenancy.Caller;
import dev.torre.platform.tenancy.TenantContext;

/**
 * The only place that writes webhook subscriptions: checks targets, event types, fields and filters when they are
 * defined, makes and seals signing secrets, and remembers whose eyes (roles and scopes) the deliveries see with.
 */
@ApplicationScoped
public class WebhookService extends RecordService<Webhook, WebhookInput, WebhookView> {

    private static final Kind<Webhook, WebhookInput> KIND = new Kind<>(
            "webhook", Webhook.class, Webhook::new, WebhookInput.class,
            "webhook_subscription", "webhooks", "/v1/webhooks", WebhookFields.REGISTRY, List.of(), Map.of());

    @Inject
    EventCatalog catalog;

    @Inject
    Instance<RecordService<?, ?, ?>> records;

    @Inject
    HiddenFieldQueries hiddenFields;

    @Inject
    Sealer sealer;

    @Inject
    Caller caller;

    @Inject
    Permissions permissions;

    @Inject
    WebhookConfig config;

    @Inject
    EventFeed feed;

    @Override
    protected Kind<Webhook, WebhookInput> kind() {
        return KIND;
    }

    @Override
    protected WebhookView view(Webhook webhook) {
        return WebhookView.of(webhook);
    }

    /** Starts a new secret; the previous one keeps signing beside it for the configured overlap. */
    @Transactional
    @RequiresScope("write")
    public WebhookView rotateSecret(UUID id) {
        Webhook webhook = find(id);
        dev.torre.platform.persistence.Records.checkWritable(webhook, null, label());
        String secret = Signer.newSecret();
        webhook.previousSecret = webhook.secret;
        webhook.previousSecretUntil = clock.now().plus(config.secretOverlap());
        webhook.secret = sealer.seal(secretPlace(webhook.id), secret);
        webhook.revealedSecret = secret;
        events.append(label(), webhook.id, "secret_rotated", Map.of("previousSecretExpiresAt", webhook.previousSecretUntil.toString()));
        flush();
        return view(webhook);
    }

    /** Where a subscription's signing secret is sealed: bound to the tenant, the subscription and the property. */
    static Sealer.Place secretPlace(UUID id) {
        return new Sealer.Place(TenantContext.current(), "webhook", id, "secret");
    }

    /** The subscription, for the delivery endpoints under it (404 across tenants). */
    @RequiresScope("read")
    public Webhook subscription(UUID id) {
        return find(id);
    }

    @Override
    protected Webhook newEntity() {
        Webhook webhook = new Webhook();
        webhook.id = Ids.next();
        String secret = Signer.newSecret();
        webhook.secret = sealer.seal(secretPlace(webhook.id), secret);
        webhook.revealedSecret = secret;
        // a new subscription receives what happens from now on; replay reaches back
        webhook.feedCursor = feed.end(TenantContext.current());
        return webhook;
    }

    @Override
    public WebhookInput inputOf(Webhook w) {
        return new WebhookInput(w.url, List.copyOf(w.eventTypes), w.fields == null ? null : List.copyOf(w.fields),
                w.filter, w.description, w.enabled);
    }

    @Override
    public WebhookInput normalise(WebhookInput in) {
        try {
            TargetPolicy.check(in.url(), config.allowLoopback());
        } catch (TargetPolicy.Refused refused) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, "url", "forbidden_target", "The URL " + refused.getMessage());
        }
        Set<String> types = new LinkedHashSet<>();
        for (String type : in.eventTypes()) {
            String t = type.trim();
            if (!catalog.knows(t)) {
                throw TorreException.invalidField(ErrorCode.VALIDATION, "eventTypes", "unknown_event_type",
                        "'" + t + "' is not an event type Torre writes; use e.g. contact.updated or contact.*");
            }
            types.add(t);
        }
        List<String> fields = in.fields() == null || in.fields().isEmpty() ? null
                : in.fields().stream().map(String::trim).distinct().toList();
        String filter = in.filter() == null || in.filter().isBlank() ? null : in.filter().trim();
        if (filter != null || fields != null) {
            RecordType type = recordTypeOf(types, filter != null ? "filter" : "fields");
            if (filter != null) {
                Filter parsed = FilterParser.parse(filter);
                hiddenFields.check(type.fields(), List.of(parsed), null, false);
                FilterCompiler.compile(parsed, type.fields(), clock.now());
            }
            if (fields != null) {
                for (String field : fields) {
                    String top = field.split("\\.", 2)[0];
                    if (type.fields().field(top).isEmpty() && !type.fields().jsonPrefix().map(top::equals).orElse(false)) {
                        throw TorreException.invalidField(ErrorCode.VALIDATION, "fields", "unknown_field",
                                "'" + field + "' is not a field of " + type.label());
                    }
                }
            }
        }
        return new WebhookInput(in.url().trim(), List.copyOf(types), fields, filter,
                in.description() == null || in.description().isBlank() ? null : in.description().trim(),
                in.enabled() == null || in.enabled());
    }

    /** The one kind of record the event types are about, which a filter or field list is checked against. */
    private RecordType recordTypeOf(Set<String> types, String field) {
        Set<String> entities = new LinkedHashSet<>();
        types.forEach(t -> entities.add(t.substring(0, t.indexOf('.'))));
        Optional<RecordType> type = entities.size() == 1 ? recordType(entities.iterator().next()) : Optional.empty();
        return type.orElseThrow(() -> TorreException.invalidField(ErrorCode.VALIDATION, field, "needs_one_record_type",
                "A " + field + " applies to the record an event is about: name event types of one kind of record (e.g. contact.*)"));
    }

    /** The kind of record events of this entity type are about, if it is one lists can filter. */
    Optional<RecordType> recordType(String entityType) {
        for (RecordService<?, ?, ?> service : records) {
            if (service.recordType().label().equals(entityType)) {
                return Optional.of(service.recordType());
            }
        }
        return Optional.empty();
    }

    @Override
    public Map<Integer, TorreException> checkReferences(Map<Integer, WebhookInput> inputs) {
        return Map.of();
    }

    /**
     * Whoever defines or changes a subscription becomes the one whose roles and scopes its deliveries see with:
     * otherwise a caller allowed to write webhooks could point an admin's subscription at itself and read as admin.
     */
    @Override
    protected void apply(Webhook w, WebhookInput in) {
        if (!permissions.allows("events:read")) {
            throw new TorreException(ErrorCode.FORBIDDEN, "A subscription receives events: your token needs 'events:read' too");
        }
        w.ownerActor = caller.actor();
        w.ownerRoles = new ArrayList<>(caller.roles());
        w.ownerScopes = caller.scopes() == null ? null : new ArrayList<>(caller.scopes());
        w.url = in.url();
        w.eventTypes = new ArrayList<>(in.eventTypes());
        w.fields = in.fields() == null ? null : new ArrayList<>(in.fields());
        w.filter = in.filter();
        w.description = in.description();
        if (in.enabled() && !w.enabled) {
            w.disabledReason = null;
        }
        w.enabled = in.enabled();
    }
}
