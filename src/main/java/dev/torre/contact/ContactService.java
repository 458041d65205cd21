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

    /**
     * The active contacts reachable at these addresses (e-mail or phone, as written by a
     * channel), by the address as given; one query. Unparsable phones simply match nothing.
     */
    @RequiresScope("contacts:read")
    public Map<String, UUID> idsByAddress(Collection<String> addresses) {
        Map<String, String> byStored = new LinkedHashMap<>();
        for (String address : addresses) {
            String stored = storedAddress(address);
            if (stored != null) {
                byStored.putIfAbsent(stored, address);
            }
        }
        Map<String, UUID> found = new LinkedHashMap<>();
        if (byStored.isEmpty()) {
            return found;
        }
        String[] wanted = byStored.keySet().toArray(String[]::new);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select c.id, c.email, c.phone from contact c
                where c.tenant_id = ?1 and c.archived_at is null and (c.email = any(?2) or c.phone = any(?2))
                order by c.id
                """).setParameter(1, TenantContext.current()).setParameter(2, wanted).getResultList();
        for (Object[] row : rows) {
            for (Object value : new Object[] { row[1], row[2] }) {
                String given = value == null ? null : byStored.get(value.toString());
                if (given != null) {
                    found.putIfAbsent(given, (UUID) row[0]);
                }
            }
        }
        return found;
    }

    /** Which of these ids name contacts of the current tenant (archived ones included). */
    public Set<UUID> existing(Collection<UUID> ids) {
        Set<UUID> found = new java.util.HashSet<>();
        if (!ids.isEmpty()) {
            found.addAll(em.createQuery("select c.id from Contact c where c.id in :ids", UUID.class)
                    .setParameter("ids", ids).getResultList());
        }
        return found;
    }

    /** The company of each of these contacts that has one; for rules of other capabilities, so no read scope is asked. */
    public Map<UUID, UUID> companiesOf(Collection<UUID> contactIds) {
        Map<UUID, UUID> found = new LinkedHashMap<>();
        if (!contactIds.isEmpty()) {
            em.createQuery("select c.id, c.companyId from Contact c where c.id in :ids and c.companyId is not null", Object[].class)
                    .setParameter("ids", contactIds).getResultList().forEach(row -> found.put((UUID) row[0], (UUID) row[1]));
        }
        return found;
    }

    /** Creates a contact known only by an address a channel saw (e-mail, or else phone). */
    @Transactional(Transactional.TxType.MANDATORY)
    @RequiresScope("contacts:write")
    public ContactView createFromAddress(String address) {
        boolean email = address.contains("@");
        ContactInput input = new ContactInput(null, null, email ? address : null, email ? null : address, null, null, null,
                null, null, null, null);
        return ContactView.of(createOne(inputs.read(inputs.tree(input), ContactInput.class)));
    }

    /**
     * Moves the contacts' last-interaction marks forward (never back), in one statement.
     * The version moves too, so ETags stay honest; updatedAt is left to edits by people.
     *
     * @param latest        the newest interaction time per contact
     * @param latestInbound the newest inbound interaction time per contact (a subset)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordInteractions(Map<UUID, java.time.Instant> latest, Map<UUID, java.time.Instant> latestInbound) {
        if (latest.isEmpty()) {
            return;
        }
        UUID[] ids = latest.keySet().toArray(UUID[]::new);
        String[] at = new String[ids.length];
        String[] inboundAt = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            at[i] = latest.get(ids[i]).toString();
            java.time.Instant inbound = latestInbound.get(ids[i]);
            inboundAt[i] = inbound == null ? null : inbound.toString();
        }
        em.createNativeQuery("""
                update contact c set
                  last_interaction_at = greatest(c.last_interaction_at, v.at),
                  last_inbound_at = greatest(c.last_inbound_at, v.inbound_at),
                  version = c.version + 1
                from unnest(cast(?2 as uuid[]), cast(?3 as timestamptz[]), cast(?4 as timestamptz[])) as v(id, at, inbound_at)
                where c.tenant_id = ?1 and c.id = v.id
                  and (c.last_interaction_at is null or c.last_interaction_at < v.at
                       or (v.inbound_at is not null and (c.last_inbound_at is null or c.last_inbound_at < v.inbound_at)))
                """).setParameter(1, TenantContext.current()).setParameter(2, ids).setParameter(3, at).setParameter(4, inboundAt)
                .executeUpdate();
    }

    /** An address as contacts store it (lower-case e-mail, E.164 phone), or null when it cannot be one. */
    public String storedAddress(String address) {
        if (address == null || address.isBlank()) {
            return null;
        }
        if (address.contains("@")) {
            return address.trim().toLowerCase(Locale.ROOT);
        }
        try {
            return phones.normalise("phone", address);
        } catch (TorreException e) {
            return null;
        }
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
