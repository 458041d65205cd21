package dev.torre.contact;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;

import com.fasterxml.jackson.databind.JsonNode;

import dev.torre.company.CompanyService;
import dev.torre.platform.batch.BatchRequest;
import dev.torre.platform.batch.BatchResult;
import dev.torre.platform.batch.BatchUpsert;
import dev.torre.platform.batch.Upsertable;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.event.Changes;
import dev.torre.platform.event.EventLog;
import dev.torre.platform.persistence.CustomProperties;
import dev.torre.platform.persistence.Records;
import dev.torre.platform.persistence.Writes;
import dev.torre.platform.phone.PhoneNumbers;
import dev.torre.platform.query.ListRequest;
import dev.torre.platform.query.Lists;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.rest.Inputs;
import dev.torre.platform.rest.Page;
import dev.torre.platform.security.RequiresScope;

/** The only place that writes contacts: their rules, their events, their queries. */
@ApplicationScoped
public class ContactService implements Upsertable<Contact, ContactInput> {

    static final String TYPE = "contact";
    private static final Map<String, String> UNIQUE_INDEXES = Map.of(
            "contact_email_uq", "email", "contact_external_id_uq", "externalId");

    @Inject
    EntityManager em;

    @Inject
    EventLog events;

    @Inject
    Inputs inputs;

    @Inject
    PhoneNumbers phones;

    @Inject
    Lists lists;

    @Inject
    BatchUpsert batches;

    @Inject
    CompanyService companies;

    @Transactional
    @RequiresScope("contacts:write")
    public ContactView create(@Valid ContactInput input) {
        ContactInput normalised = normalise(input);
        checkReferences(Map.of(0, normalised)).values().stream().findFirst().ifPresent(e -> {
            throw e;
        });
        Contact contact = insert(normalised);
        Writes.flush(em, UNIQUE_INDEXES);
        return ContactView.of(contact);
    }

    @RequiresScope("contacts:read")
    public ContactView get(UUID id) {
        return ContactView.of(find(id));
    }

    @Transactional
    @RequiresScope("contacts:write")
    public ContactView update(UUID id, JsonNode mergePatch, Long expectedVersion) {
        Contact contact = find(id);
        Records.checkWritable(contact, expectedVersion, "contact");
        ContactInput next = normalise(inputs.patch(inputOf(contact), mergePatch, ContactInput.class));
        // A company the contact already belongs to exists (companies are archived, never deleted): only a new one is looked up.
        if (!java.util.Objects.equals(next.companyId(), contact.companyId)) {
            checkReferences(Map.of(0, next)).values().stream().findFirst().ifPresent(e -> {
                throw e;
            });
        }
        change(contact, next);
        Writes.flush(em, UNIQUE_INDEXES);
        return ContactView.of(contact);
    }

    @Transactional
    @RequiresScope("contacts:write")
    public void archive(UUID id) {
        if (Records.archive(find(id), events, TYPE)) {
            Writes.flush(em, UNIQUE_INDEXES);
        }
    }

    @Transactional
    @RequiresScope("contacts:write")
    public ContactView restore(UUID id) {
        Contact contact = find(id);
        if (Records.restore(contact, events, TYPE)) {
            Writes.flush(em, UNIQUE_INDEXES);
        }
        return ContactView.of(contact);
    }

    @RequiresScope("contacts:read")
    public Page<ContactView> list(ListRequest request) {
        return lists.page(Contact.class, "contact", ContactFields.REGISTRY, request, SqlFragment.EMPTY).map(ContactView::of);
    }

    @RequiresScope("contacts:read")
    public Page<ContactView> listOfCompany(UUID companyId, ListRequest request) {
        companies.get(companyId);
        return lists.page(Contact.class, "contact", ContactFields.REGISTRY, request, SqlFragment.of("c.company_id = ?", companyId))
                .map(ContactView::of);
    }

    @RequiresScope("contacts:write")
    public BatchResult batchUpsert(@Valid BatchRequest request) {
        return batches.run(this, request, UNIQUE_INDEXES, "/v1/contacts/batch/upsert");
    }

    /** Contacts by id, for GraphQL's batched loading; missing ids are simply absent. */
    @RequiresScope("contacts:read")
    public Map<UUID, ContactView> byIds(Collection<UUID> ids) {
        Map<UUID, ContactView> found = new LinkedHashMap<>();
        findByKey("id", List.copyOf(ids)).forEach(c -> found.put(c.id, ContactView.of(c)));
        return found;
    }

    /** The first {@code limit} active contacts of each company, in one query. */
    @RequiresScope("contacts:read")
    public Map<UUID, List<ContactView>> firstOfCompanies(Collection<UUID> companyIds, int limit) {
        List<Contact> rows = em.createNativeQuery("""
                select * from (
                  select c.*, row_number() over (partition by c.company_id order by c.id) as position
                  from contact c
                  where c.tenant_id = ?1 and c.company_id = any(?2) and c.archived_at is null
                ) ranked where position <= ?3 order by company_id, id
                """, Contact.class)
                .setParameter(1, dev.torre.platform.tenancy.TenantContext.current())
                .setParameter(2, companyIds.toArray(UUID[]::new))
                .setParameter(3, limit)
                .getResultList();
        Map<UUID, List<ContactView>> byCompany = new LinkedHashMap<>();
        companyIds.forEach(id -> byCompany.put(id, new java.util.ArrayList<>()));
        rows.forEach(c -> byCompany.get(c.companyId).add(ContactView.of(c)));
        return byCompany;
    }

    private Contact find(UUID id) {
        return Records.find(em, Contact.class, id, "Contact");
    }

    // --- rules shared by single writes and batches (Upsertable) ---

    @Override
    public Class<ContactInput> inputType() {
        return ContactInput.class;
    }

    @Override
    public Map<String, Function<ContactInput, Object>> uniqueKeys() {
        Map<String, Function<ContactInput, Object>> keys = new LinkedHashMap<>();
        keys.put("externalId", ContactInput::externalId);
        keys.put("email", ContactInput::email);
        return keys;
    }

    @Override
    public Object keyOf(Contact contact, String key) {
        return switch (key) {
            case "id" -> contact.id;
            case "email" -> contact.email;
            default -> contact.externalId;
        };
    }

    @Override
    public Object normaliseKey(String key, String raw) {
        return "email".equals(key) ? raw.trim().toLowerCase(Locale.ROOT) : raw;
    }

    @Override
    public List<Contact> findByKey(String key, Collection<Object> values) {
        if (values.isEmpty()) {
            return List.of();
        }
        // One array parameter instead of an IN list: an HQL IN list of a collection is re-translated to SQL on every
        // call and binds one parameter per value (up to 1000 in a batch); this statement is the same every time.
        String where = switch (key) {
            case "id" -> "c.id = any(?2)";
            case "email" -> "c.email = any(?2) and c.archived_at is null";
            default -> "c.external_id = any(?2)";
        };
        Object array = "id".equals(key) ? values.toArray(UUID[]::new) : values.toArray(String[]::new);
        @SuppressWarnings("unchecked")
        List<Contact> found = em.createNativeQuery("select c.* from contact c where c.tenant_id = ?1 and " + where, Contact.class)
                .setParameter(1, dev.torre.platform.tenancy.TenantContext.current())
                .setParameter(2, array)
                .getResultList();
        return found;
    }

    @Override
    public ContactInput inputOf(Contact c) {
        return new ContactInput(c.firstName, c.lastName, c.email, c.phone, c.companyId, c.lifecycleStage, c.ownerId,
                ContactView.source(c), List.copyOf(c.tags), c.externalId, c.properties);
    }

    @Override
    public ContactInput normalise(ContactInput in) {
        String email = in.email() == null || in.email().isBlank() ? null : in.email().trim().toLowerCase(Locale.ROOT);
        Set<String> tags = new LinkedHashSet<>();
        if (in.tags() != null) {
            in.tags().forEach(t -> tags.add(t.trim()));
        }
        return new ContactInput(blankToNull(in.firstName()), blankToNull(in.lastName()), email,
                phones.normalise("phone", in.phone()), in.companyId(),
                in.lifecycleStage() == null ? LifecycleStage.LEAD : in.lifecycleStage(), blankToNull(in.ownerId()),
                in.source(), List.copyOf(tags), blankToNull(in.externalId()), CustomProperties.check(in.properties()));
    }

    @Override
    public Map<Integer, TorreException> checkReferences(Map<Integer, ContactInput> inputs) {
        Set<UUID> wanted = new LinkedHashSet<>();
        inputs.values().forEach(i -> {
            if (i.companyId() != null) {
                wanted.add(i.companyId());
            }
        });
        Set<UUID> existing = companies.existing(wanted);
        Map<Integer, TorreException> failures = new LinkedHashMap<>();
        inputs.forEach((i, input) -> {
            if (input.companyId() != null && !existing.contains(input.companyId())) {
                failures.put(i, new TorreException(ErrorCode.VALIDATION, "No company with id " + input.companyId(),
                        List.of(new FieldError("companyId", "not_found", "No such company"))));
            }
        });
        return failures;
    }

    @Override
    public Contact insert(ContactInput input) {
        Contact contact = new Contact();
        apply(contact, input);
        em.persist(contact);
        events.append(TYPE, contact.id, "created", Map.of("data", inputs.tree(input)));
        return contact;
    }

    @Override
    public boolean change(Contact contact, ContactInput input) {
        JsonNode before = inputs.tree(inputOf(contact));
        JsonNode after = inputs.tree(input);
        if (before.equals(after)) {
            return false;
        }
        apply(contact, input);
        events.append(TYPE, contact.id, "updated", Map.of("changes", Changes.between(before, after)));
        return true;
    }

    private static void apply(Contact c, ContactInput in) {
        c.firstName = in.firstName();
        c.lastName = in.lastName();
        c.email = in.email();
        c.phone = in.phone();
        c.companyId = in.companyId();
        c.lifecycleStage = in.lifecycleStage();
        c.ownerId = in.ownerId();
        c.utmSource = in.source() == null ? null : in.source().utmSource();
        c.utmMedium = in.source() == null ? null : in.source().utmMedium();
        c.utmCampaign = in.source() == null ? null : in.source().utmCampaign();
        c.tags = new java.util.ArrayList<>(in.tags());
        c.externalId = in.externalId();
        c.properties = in.properties();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
