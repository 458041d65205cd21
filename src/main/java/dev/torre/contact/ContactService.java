package dev.torre.contact;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;

import com.fasterxml.jackson.databind.JsonNode;

import dev.torre.company.CompanyService;
import dev.torre.platform.batch.BatchRequest;
import dev.torre.platform.batch.BatchResult;
import dev.torre.platform.batch.BatchUpsert;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.persistence.CustomProperties;
import dev.torre.platform.persistence.RecordStore;
import dev.torre.platform.phone.PhoneNumbers;
import dev.torre.platform.query.FieldRegistry;
import dev.torre.platform.query.ListRequest;
import dev.torre.platform.query.Lists;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.rest.Page;
import dev.torre.platform.security.RequiresScope;
import dev.torre.platform.tenancy.TenantContext;

/** The only place that writes contacts: their rules, their events, their queries. */
@ApplicationScoped
public class ContactService extends RecordStore<Contact, ContactInput> {

    private static final List<Key<Contact, ContactInput>> KEYS = List.of(
            new Key<>("externalId", "external_id", false, false, c -> c.externalId, ContactInput::externalId),
            new Key<>("email", "email", true, true, c -> c.email, ContactInput::email));
    private static final Map<String, String> UNIQUE_INDEXES = Map.of(
            "contact_email_uq", "email", "contact_external_id_uq", "externalId");

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
        return ContactView.of(createOne(input));
    }

    @RequiresScope("contacts:read")
    public ContactView get(UUID id) {
        return ContactView.of(find(id));
    }

    @Transactional
    @RequiresScope("contacts:write")
    public ContactView update(UUID id, JsonNode mergePatch, Long expectedVersion) {
        return ContactView.of(updateOne(id, mergePatch, expectedVersion));
    }

    @Transactional
    @RequiresScope("contacts:write")
    public void archive(UUID id) {
        archiveOne(id);
    }

    @Transactional
    @RequiresScope("contacts:write")
    public ContactView restore(UUID id) {
        return ContactView.of(restoreOne(id));
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
        return viewsByIds(ids, ContactView::of);
    }

    /** The first {@code limit} active contacts of each company, oldest first, in one query. */
    @RequiresScope("contacts:read")
    public Map<UUID, List<ContactView>> firstOfCompanies(Collection<UUID> companyIds, int limit) {
        List<Contact> rows = em.createNativeQuery("""
                select * from (
                  select c.*, row_number() over (partition by c.company_id order by c.id) as position
                  from contact c
                  where c.tenant_id = ?1 and c.company_id = any(?2) and c.archived_at is null
                ) ranked where position <= ?3 order by company_id, id
                """, Contact.class)
                .setParameter(1, TenantContext.current())
                .setParameter(2, companyIds.toArray(UUID[]::new))
                .setParameter(3, limit)
                .getResultList();
        Map<UUID, List<ContactView>> byCompany = new LinkedHashMap<>();
        companyIds.forEach(id -> byCompany.put(id, new ArrayList<>()));
        rows.forEach(c -> byCompany.get(c.companyId).add(ContactView.of(c)));
        return byCompany;
    }

    /** What contact filters may name, for capabilities that filter contacts in their own SQL (alias {@code c}). */
    public static FieldRegistry<?> filterFields() {
        return ContactFields.REGISTRY;
    }

    /**
     * Copies lead scores computed elsewhere onto the contacts, in one statement. The score is derived data: it
     * neither bumps the contact's version nor writes a contact event (its own events say how it moved).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void storeLeadScores(UUID[] ids, Integer[] scores) {
        if (ids.length == 0) {
            return;
        }
        em.createNativeQuery("""
                update contact c set lead_score = s.score
                from unnest(cast(?2 as uuid[]), cast(?3 as integer[])) as s(id, score)
                where c.tenant_id = ?1 and c.id = s.id and c.lead_score is distinct from s.score
                """)
                .setParameter(1, TenantContext.current())
                .setParameter(2, ids)
                .setParameter(3, scores)
                .executeUpdate();
    }

    /**
     * Moves a contact's lifecycle stage forward to {@code stageName} (its wire name) on behalf of an automatic
     * rule; a contact already there or further along (or archived) is left alone. Answers whether it moved.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean advanceStage(UUID id, String stageName) {
        LifecycleStage stage = LifecycleStage.fromWire(stageName);
        Contact contact = em.find(Contact.class, id);
        if (contact == null || contact.archived() || !contact.lifecycleStage.isBefore(stage)) {
            return false;
        }
        ContactInput current = inputOf(contact);
        change(contact, new ContactInput(current.firstName(), current.lastName(), current.email(), current.phone(),
                current.companyId(), stage, current.ownerId(), current.source(), current.tags(), current.externalId(),
                current.properties()));
        flush();
        return true;
    }

    // --- the contact's own rules ---

    @Override
    protected String label() {
        return "contact";
    }

    @Override
    protected Class<Contact> entityType() {
        return Contact.class;
    }

    @Override
    protected String table() {
        return "contact";
    }

    @Override
    public Class<ContactInput> inputType() {
        return ContactInput.class;
    }

    @Override
    protected Contact newEntity() {
        return new Contact();
    }

    @Override
    protected List<Key<Contact, ContactInput>> keys() {
        return KEYS;
    }

    @Override
    protected Map<String, String> uniqueIndexes() {
        return UNIQUE_INDEXES;
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
    protected boolean referencesChanged(Contact contact, ContactInput next) {
        return !java.util.Objects.equals(next.companyId(), contact.companyId);
    }

    /** A contact may only belong to a company of its own tenant; one query for any number of inputs. */
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
    protected void apply(Contact c, ContactInput in) {
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
        c.tags = new ArrayList<>(in.tags());
        c.externalId = in.externalId();
        c.properties = in.properties();
    }
}
