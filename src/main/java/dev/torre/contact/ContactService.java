package dev.torre.contact;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.torre.company.CompanyService;
import dev.torre.platform.error.DuplicateFound;
import dev.torre.platform.error.DuplicateMatch;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.event.Changes;
import dev.torre.platform.persistence.CustomProperties;
import dev.torre.platform.persistence.OnDuplicate;
import dev.torre.platform.persistence.RecordService;
import dev.torre.platform.persistence.Sql;
import dev.torre.platform.phone.PhoneNumbers;
import dev.torre.platform.query.FieldRegistry;
import dev.torre.platform.query.ListRequest;
import dev.torre.platform.query.Page;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.security.RequiresScope;
import dev.torre.platform.tenancy.Caller;
import dev.torre.platform.tenancy.TenantContext;

/** The only place that writes contacts: their rules, their events, their queries. */
@ApplicationScoped
public class ContactService extends RecordService<Contact, ContactInput, ContactView> {

    private static final List<Key<Contact, ContactInput>> KEYS = List.of(
            new Key<>("externalId", "external_id", false, false, c -> c.externalId, ContactInput::externalId),
            new Key<>("email", "email", true, true, c -> c.email, ContactInput::email));
    private static final Map<String, String> UNIQUE_INDEXES = Map.of(
            "contact_email_uq", "email", "contact_external_id_uq", "externalId");

    static final Kind<Contact, ContactInput> KIND = new Kind<>(
            "contact", Contact.class, Contact::new, ContactInput.class,
            "contact", "contacts", "/v1/contacts", ContactFields.REGISTRY, KEYS, UNIQUE_INDEXES);

    @Inject
    PhoneNumbers phones;

    @Inject
    dev.torre.platform.properties.PropertyDefinitions definitions;

    @Inject
    CompanyService companies;

    @Inject
    Caller caller;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper mapper;

    /** The contact a preference-portal token speaks for; its id comes from the token only. */
    @RequiresScope("me:read")
    public ContactView self() {
        return ContactView.of(find(selfId()));
    }

    /** A merge patch a contact makes to itself; which fields it may touch is the portal's rule. */
    @Transactional
    @RequiresScope("me:write")
    public ContactView updateSelf(JsonNode mergePatch) {
        return ContactView.of(updateOne(selfId(), mergePatch, null));
    }

    /**
     * The contact a portal token speaks for, while that contact is active: every portal operation
     * passes here, so a token stops working the moment its contact is archived or erased, without
     * waiting for it to expire.
     */
    private UUID selfId() {
        UUID self = caller.portalContact();
        if (self == null) {
            throw new TorreException(ErrorCode.FORBIDDEN, "Only a preference-portal token speaks for a contact");
        }
        if (!active(self)) {
            throw new TorreException(ErrorCode.UNAUTHENTICATED, "This portal token no longer works: its contact was archived or erased");
        }
        return self;
    }

    /** Whether this id names an active (neither archived nor erased) contact of the tenant. */
    public boolean active(UUID id) {
        return !em.createNativeQuery("select 1 from contact where tenant_id = ?1 and id = ?2 and archived_at is null and erased_at is null")
                .setParameter(1, TenantContext.current()).setParameter(2, id).getResultList().isEmpty();
    }

    @RequiresScope("contacts:read")
    public Page<ContactView> listOfCompany(UUID companyId, ListRequest request) {
        companies.get(companyId);
        return page(request, SqlFragment.of("c.company_id = ?", companyId));
    }

    /** Contacts by id, for GraphQL's batched loading; missing ids are simply absent. */
    @RequiresScope("contacts:read")
    public Map<UUID, ContactView> byIds(Collection<UUID> ids) {
        return viewsByIds(ids, ContactView::of);
    }

    /** Which of these ids name contacts of the current tenant (archived ones included). */
    /** Ids of the active contacts with these (lower-case) emails, by email; one query. */
    public Map<String, UUID> idsByEmail(Collection<String> emails) {
        Map<String, UUID> found = new LinkedHashMap<>();
        findByKey("email", List.copyOf(emails)).forEach(c -> found.put(c.email, c.id));
        return found;
    }

    /**
     * Creates a contact for a shop's unknown customer: lifecycle stage customer, the shop as
     * source. Order writes call it under their own scope.
     */
    public UUID createCustomer(String email, String shop) {
        ContactInput input = normalise(new ContactInput(null, null, email, null, null, LifecycleStage.CUSTOMER, null,
                new ContactInput.Source(shop, null, null), List.of(), null, Map.of(), null));
        return insert(input).id;
    }

    /**
     * Stores what contacts have bought, each change as a contact.updated event; a contact with
     * a purchase becomes a customer unless already further along (never backwards). The buyers
     * are locked first, in id order, and only then are their purchases summed by {@code summary}:
     * two order writes sharing a buyer take turns, so the second sums the first's orders too and
     * neither finds the contact changed under it (which would answer 412 to a caller who sent no If-Match).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordPurchases(Set<UUID> buyers, Function<Set<UUID>, Map<UUID, PurchasesView>> summary) {
        if (buyers.isEmpty()) {
            return;
        }
        Map<UUID, Long> locked = lockInIdOrder(buyers.toArray(UUID[]::new));
        Map<UUID, PurchasesView> purchases = summary.apply(buyers);
        for (Contact c : findByKey("id", List.copyOf(purchases.keySet()))) {
            if (!Objects.equals(locked.get(c.id), c.version)) {
                em.refresh(c); // read earlier in this transaction, changed since by one that committed
            }
            PurchasesView before = ContactView.purchases(c);
            PurchasesView after = purchases.get(c.id);
            LifecycleStage stage = after.orderCount() > 0 && c.lifecycleStage.compareTo(LifecycleStage.CUSTOMER) < 0
                    ? LifecycleStage.CUSTOMER : c.lifecycleStage;
            if (before.equals(after) && stage == c.lifecycleStage) {
                continue;
            }
            Map<String, Object> changes = Changes.between(
                    inputs.tree(Map.of("purchases", before, "lifecycleStage", c.lifecycleStage)),
                    inputs.tree(Map.of("purchases", after, "lifecycleStage", stage)));
            c.lifecycleStage = stage;
            c.orderCount = after.orderCount();
            c.firstOrderAt = after.firstOrderAt();
            c.lastOrderAt = after.lastOrderAt();
            Map<String, String> value = new LinkedHashMap<>();
            after.lifetimeValue().forEach(m -> value.put(m.currency(), m.amount()));
            c.lifetimeValue = value;
            events.append("contact", c.id, "updated", Map.of("changes", changes));
        }
        flush();
    }

    /**
     * Anonymises a contact's own row for a data-subject erasure: every personal field is
     * cleared, the row is archived and marked erased, and the non-personal facts (stage,
     * owner, company, timestamps) stay for reporting. The caller has checked who may erase.
     */
    @Transactional
    public void erase(UUID id) {
        Contact c = find(id);
        c.firstName = null;
        c.lastName = null;
        c.email = null;
        c.phone = null;
        c.externalId = null;
        c.utmSource = null;
        c.utmMedium = null;
        c.utmCampaign = null;
        c.tags = new ArrayList<>();
        c.properties = new LinkedHashMap<>();
        if (c.archivedAt == null) {
            c.archivedAt = clock.now();
        }
        em.flush();
        em.createNativeQuery("update contact set erased_at = now() where tenant_id = ?1 and id = ?2")
                .setParameter(1, TenantContext.current()).setParameter(2, id).executeUpdate();
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

    /** Copies lead scores computed by scoring onto the contacts (derived data: no event, the version moves). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void storeLeadScores(UUID[] ids, Integer[] scores) {
        storeDerived("lead_score", "integer", ids, scores);
    }

    /** Copies customers' churn risks predicted by scoring onto the contacts (null clears one). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void storeChurnRisks(UUID[] ids, BigDecimal[] risks) {
        storeDerived("churn_risk", "numeric", ids, risks);
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
                current.properties(), current.timeZone()));
        flush();
        return true;
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

    /** The company of each of these contacts that has one; for rules of other capabilities, so no read scope is asked. */
    public Map<UUID, UUID> companiesOf(Collection<UUID> contactIds) {
        Map<UUID, UUID> found = new LinkedHashMap<>();
        if (!contactIds.isEmpty()) {
            em.createQuery("select c.id, c.companyId from Contact c where c.id in :ids and c.companyId is not null", Object[].class)
                    .setParameter("ids", contactIds).getResultList().forEach(row -> found.put((UUID) row[0], (UUID) row[1]));
        }
        return found;
    }

    /**
     * Creates a contact known only by an address a channel saw (e-mail, or else phone). Its refusals (an address the
     * contact rules reject, a token that may not write contacts) come before it writes anything, and its callers
     * record them per item: so a refusal leaves the caller's transaction as it was, rather than marked for rollback
     * — which would make the caller's whole batch fail at commit.
     */
    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = TorreException.class)
    @RequiresScope("contacts:write")
    public ContactView createFromAddress(String address) {
        boolean email = address.contains("@");
        ContactInput input = new ContactInput(null, null, email ? address : null, email ? null : address, null, null, null,
                null, null, null, null, null);
        return ContactView.of(createOne(inputs.read(inputs.tree(input), ContactInput.class), OnDuplicate.CREATE));
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
        lockInIdOrder(ids);
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

    /**
     * Sets a contact's last-interaction marks to exactly these times (null: none), which may move them back: for
     * when an interaction stops counting. The version moves when a mark changes.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void resetInteractions(UUID contactId, java.time.Instant latest, java.time.Instant latestInbound) {
        em.createNativeQuery("""
                update contact c set last_interaction_at = cast(?3 as timestamptz), last_inbound_at = cast(?4 as timestamptz),
                  version = c.version + 1
                where c.tenant_id = ?1 and c.id = ?2
                  and (c.last_interaction_at is distinct from cast(?3 as timestamptz)
                       or c.last_inbound_at is distinct from cast(?4 as timestamptz))
                """).setParameter(1, TenantContext.current()).setParameter(2, contactId)
                .setParameter(3, latest == null ? null : latest.toString())
                .setParameter(4, latestInbound == null ? null : latestInbound.toString())
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

    /**
     * New contacts that look like active ones: the same mailbox (torre_email_key: case, +tags, Gmail dots), the same
     * E.164 phone, or the same first and last name (accent- and case-insensitive) at the same company. A shared name
     * alone is not enough: namesakes are common. The keys are computed by the same SQL functions the indexes hold.
     */
    @Override
    public Map<Integer, TorreException> likelyDuplicates(Map<Integer, ContactInput> fresh) {
        List<Integer> positions = List.copyOf(fresh.keySet());
        int n = positions.size();
        String[] emails = new String[n];
        String[] phoneNumbers = new String[n];
        String[] names = new String[n];
        UUID[] companyIds = new UUID[n];
        for (int k = 0; k < n; k++) {
            ContactInput in = fresh.get(positions.get(k));
            emails[k] = in.email();
            phoneNumbers[k] = in.phone();
            boolean person = in.firstName() != null && in.lastName() != null && in.companyId() != null;
            names[k] = person ? in.firstName() + " " + in.lastName() : null;
            companyIds[k] = person ? in.companyId() : null;
        }
        List<String[]> keys = Sql.query(em, SqlFragment.of("""
                select torre_email_key(v.email), case when v.name is null then null else torre_fold(v.name) end
                from unnest(cast(? as text[]), cast(? as text[])) with ordinality v(email, name, k) order by v.k
                """, emails, names), r -> new String[] { r.getString(1), r.getString(2) });
        String[] emailKeys = new String[n];
        String[] folded = new String[n];
        Map<String, List<Object>> claims = new LinkedHashMap<>();
        claims.put("emailKey", new ArrayList<>());
        claims.put("phone", new ArrayList<>());
        claims.put("person", new ArrayList<>());
        for (int k = 0; k < n; k++) {
            emailKeys[k] = keys.get(k)[0];
            folded[k] = keys.get(k)[1];
            claims.get("emailKey").add(emailKeys[k]);
            claims.get("phone").add(phoneNumbers[k]);
            claims.get("person").add(folded[k] == null ? null : companyIds[k] + "/" + folded[k]);
        }
        claimLookAlikes(n, claims);
        // One index scan per signal for the whole batch (the values bound as one array), then the few stored contacts
        // found are paired with the new items they resemble: a lookup per item and signal cost more than the insert.
        // The e-mail key is a stored column (email_key), since under row-level security an index on
        // torre_email_key(email) cannot serve a lookup (the function is not leakproof).
        String tenant = TenantContext.current();
        List<Object[]> rows = Sql.query(em, SqlFragment.of("""
                with v as (select * from unnest(cast(? as text[]), cast(? as text[]), cast(? as uuid[]), cast(? as text[]))
                           with ordinality v(email_key, phone, company_id, name, k)),
                found as materialized (
                  select c.id, c.email_key, c.phone, c.company_id, %1$s as name from contact c
                  where c.tenant_id = ? and c.archived_at is null and c.email_key is not null and c.email_key = any(cast(? as text[]))
                  union
                  select c.id, c.email_key, c.phone, c.company_id, %1$s from contact c
                  where c.tenant_id = ? and c.archived_at is null and c.phone is not null and c.phone = any(cast(? as text[]))
                  union
                  select c.id, c.email_key, c.phone, c.company_id, %1$s from contact c
                  where c.tenant_id = ? and c.archived_at is null and c.company_id = any(cast(? as uuid[]))
                    and %1$s = any(cast(? as text[])))
                select v.k, f.id, coalesce(f.email_key = v.email_key, false), coalesce(f.phone = v.phone, false),
                  coalesce(f.company_id = v.company_id and f.name = v.name, false)
                from found f join v on f.email_key = v.email_key or f.phone = v.phone
                  or (f.company_id = v.company_id and f.name = v.name)
                order by v.k, f.id limit 1000
                """.formatted("torre_fold(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, ''))"), emailKeys, phoneNumbers,
                companyIds, folded, tenant, emailKeys, tenant, phoneNumbers, tenant, companyIds, folded),
                r -> new Object[] { r.getLong(1), Sql.uuid(r, 2), r.getBoolean(3), r.getBoolean(4), r.getBoolean(5) });
        Map<Integer, List<DuplicateMatch>> matches = new LinkedHashMap<>();
        for (Object[] row : rows) {
            List<String> signals = new ArrayList<>();
            if ((Boolean) row[2]) {
                signals.add("email");
            }
            if ((Boolean) row[3]) {
                signals.add("phone");
            }
            if ((Boolean) row[4]) {
                signals.add("name");
            }
            matches.computeIfAbsent(positions.get(((Number) row[0]).intValue() - 1), k -> new ArrayList<>()).add(new DuplicateMatch((UUID) row[1], signals));
        }
        Map<Integer, TorreException> refused = new LinkedHashMap<>();
        matches.forEach((i, found) -> refused.put(i, new DuplicateFound("contact", found)));
        return refused;
    }

    /**
     * New contacts in two statements whatever their number: one insert from arrays (one element per contact) and one
     * for their events. A managed entity per contact cost more than the database's own work for it (Hibernate's
     * persist, dirty checking and binding were most of a 1,000-contact batch's time). Each answers as it is stored:
     * its id, version 0, and what {@link #apply} sets.
     */
    @Override
    public List<Contact> insertAll(List<ContactInput> fresh) {
        int n = fresh.size();
        java.time.Instant now = clock.now();
        List<Contact> made = new ArrayList<>(n);
        List<UUID> ids = new ArrayList<>(n);
        List<Map<String, Object>> payloads = new ArrayList<>(n);
        String[][] text = new String[13][n];
        UUID[] companyIds = new UUID[n];
        for (int k = 0; k < n; k++) {
            Contact c = new Contact();
            c.id = dev.torre.platform.ids.Ids.next();
            ContactInput stored = stored(c, fresh.get(k));
            apply(c, stored);
            c.createdAt = now;
            c.updatedAt = now;
            made.add(c);
            ids.add(c.id);
            payloads.add(Map.of("data", stored)); // written as JSON once, by the event log (no tree per contact)
            companyIds[k] = c.companyId;
            String[] row = { c.id.toString(), c.firstName, c.lastName, c.email, c.phone, c.lifecycleStage.wire(), c.ownerId,
                c.utmSource, c.utmMedium, c.utmCampaign, Sql.textArray(c.tags), c.externalId, json(c.properties) };
            for (int col = 0; col < row.length; col++) {
                text[col][k] = row[col];
            }
        }
        String[] timeZones = made.stream().map(c -> c.timeZone).toArray(String[]::new);
        Sql.update(em, SqlFragment.of("""
                insert into contact (tenant_id, id, first_name, last_name, email, phone, lifecycle_stage, owner_id, utm_source,
                  utm_medium, utm_campaign, tags, external_id, properties, company_id, time_zone, version, created_at, updated_at)
                select ?, cast(v.id as uuid), v.first_name, v.last_name, v.email, v.phone, v.stage, v.owner_id, v.utm_source,
                  v.utm_medium, v.utm_campaign, cast(v.tags as text[]), v.external_id, cast(v.properties as jsonb), v.company_id,
                  v.time_zone, 0, ?, ?
                from unnest(cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
                  cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
                  cast(? as text[]), cast(? as text[]), cast(? as uuid[]), cast(? as text[]))
                  as v(id, first_name, last_name, email, phone, stage, owner_id, utm_source, utm_medium, utm_campaign, tags,
                       external_id, properties, company_id, time_zone)
                """, TenantContext.current(), now, now, text[0], text[1], text[2], text[3], text[4], text[5], text[6], text[7],
                text[8], text[9], text[10], text[11], text[12], companyIds, timeZones));
        events.appendAll("contact", "created", ids, payloads);
        return made;
    }

    private String json(Map<String, Object> value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Custom properties are always JSON", e);
        }
    }

    @Override
    protected ContactView view(Contact record) {
        return ContactView.of(record);
    }

    @Override
    protected Kind<Contact, ContactInput> kind() {
        return KIND;
    }

    @Override
    public ContactInput inputOf(Contact c) {
        return new ContactInput(c.firstName, c.lastName, c.email, c.phone, c.companyId, c.lifecycleStage, c.ownerId,
                ContactView.source(c), List.copyOf(c.tags), c.externalId, c.properties, c.timeZone);
    }


    /** Sensitive properties are sealed here, bound to this contact and property. */
    @Override
    protected ContactInput stored(Contact record, ContactInput in) {
        return in.withProperties(definitions.store("contact", record.id, record.properties, in.properties()));
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
                in.source(), List.copyOf(tags), blankToNull(in.externalId()), definitions.apply("contact", CustomProperties.check(in.properties())),
                dev.torre.platform.time.TimeZones.check("timeZone", blankToNull(in.timeZone())));
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
        c.timeZone = in.timeZone();
    }
}
