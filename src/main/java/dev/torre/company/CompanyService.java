package dev.torre.company;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
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

import dev.torre.platform.batch.BatchRequest;
import dev.torre.platform.batch.BatchResult;
import dev.torre.platform.batch.BatchUpsert;
import dev.torre.platform.batch.Upsertable;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.event.Changes;
import dev.torre.platform.event.EventLog;
import dev.torre.platform.persistence.CustomProperties;
import dev.torre.platform.persistence.Records;
import dev.torre.platform.persistence.Writes;
import dev.torre.platform.query.ListRequest;
import dev.torre.platform.query.Lists;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.rest.Inputs;
import dev.torre.platform.rest.Page;
import dev.torre.platform.security.RequiresScope;

/** The only place that writes companies. */
@ApplicationScoped
public class CompanyService implements Upsertable<Company, CompanyInput> {

    static final String TYPE = "company";
    private static final Map<String, String> UNIQUE_INDEXES = Map.of(
            "company_domain_uq", "domain", "company_external_id_uq", "externalId");

    @Inject
    EntityManager em;

    @Inject
    EventLog events;

    @Inject
    Inputs inputs;

    @Inject
    Lists lists;

    @Inject
    BatchUpsert batches;

    @Transactional
    @RequiresScope("companies:write")
    public CompanyView create(@Valid CompanyInput input) {
        Company company = insert(normalise(input));
        Writes.flush(em, UNIQUE_INDEXES);
        return CompanyView.of(company);
    }

    @RequiresScope("companies:read")
    public CompanyView get(UUID id) {
        return CompanyView.of(find(id));
    }

    @Transactional
    @RequiresScope("companies:write")
    public CompanyView update(UUID id, JsonNode mergePatch, Long expectedVersion) {
        Company company = find(id);
        Records.checkWritable(company, expectedVersion, "company");
        change(company, normalise(inputs.patch(inputOf(company), mergePatch, CompanyInput.class)));
        Writes.flush(em, UNIQUE_INDEXES);
        return CompanyView.of(company);
    }

    @Transactional
    @RequiresScope("companies:write")
    public void archive(UUID id) {
        if (Records.archive(find(id), events, TYPE)) {
            Writes.flush(em, UNIQUE_INDEXES);
        }
    }

    @Transactional
    @RequiresScope("companies:write")
    public CompanyView restore(UUID id) {
        Company company = find(id);
        if (Records.restore(company, events, TYPE)) {
            Writes.flush(em, UNIQUE_INDEXES);
        }
        return CompanyView.of(company);
    }

    @RequiresScope("companies:read")
    public Page<CompanyView> list(ListRequest request) {
        return lists.page(Company.class, "company", CompanyFields.REGISTRY, request, SqlFragment.EMPTY).map(CompanyView::of);
    }

    @RequiresScope("companies:write")
    public BatchResult batchUpsert(@Valid BatchRequest request) {
        return batches.run(this, request, UNIQUE_INDEXES, "/v1/companies/batch/upsert");
    }

    /** Companies by id, for GraphQL's batched loading; missing ids are simply absent. */
    @RequiresScope("companies:read")
    public Map<UUID, CompanyView> byIds(Collection<UUID> ids) {
        Map<UUID, CompanyView> found = new LinkedHashMap<>();
        findByKey("id", List.copyOf(ids)).forEach(c -> found.put(c.id, CompanyView.of(c)));
        return found;
    }

    /** Which of these ids name companies of the current tenant (archived ones included). */
    public Set<UUID> existing(Collection<UUID> ids) {
        Set<UUID> found = new HashSet<>();
        if (!ids.isEmpty()) {
            found.addAll(em.createQuery("select c.id from Company c where c.id in :ids", UUID.class)
                    .setParameter("ids", ids).getResultList());
        }
        return found;
    }

    private Company find(UUID id) {
        return Records.find(em, Company.class, id, "Company");
    }

    // --- rules shared by single writes and batches (Upsertable) ---

    @Override
    public Class<CompanyInput> inputType() {
        return CompanyInput.class;
    }

    @Override
    public Map<String, Function<CompanyInput, Object>> uniqueKeys() {
        Map<String, Function<CompanyInput, Object>> keys = new LinkedHashMap<>();
        keys.put("externalId", CompanyInput::externalId);
        keys.put("domain", CompanyInput::domain);
        return keys;
    }

    @Override
    public Object keyOf(Company company, String key) {
        return switch (key) {
            case "id" -> company.id;
            case "domain" -> company.domain;
            default -> company.externalId;
        };
    }

    @Override
    public Object normaliseKey(String key, String raw) {
        return "domain".equals(key) ? raw.trim().toLowerCase(Locale.ROOT) : raw;
    }

    @Override
    public List<Company> findByKey(String key, Collection<Object> values) {
        if (values.isEmpty()) {
            return List.of();
        }
        // One array parameter instead of an IN list: an HQL IN list of a collection is re-translated to SQL on every
        // call and binds one parameter per value (up to 1000 in a batch); this statement is the same every time.
        String where = switch (key) {
            case "id" -> "c.id = any(?2)";
            case "domain" -> "c.domain = any(?2) and c.archived_at is null";
            default -> "c.external_id = any(?2)";
        };
        Object array = "id".equals(key) ? values.toArray(UUID[]::new) : values.toArray(String[]::new);
        @SuppressWarnings("unchecked")
        List<Company> found = em.createNativeQuery("select c.* from company c where c.tenant_id = ?1 and " + where, Company.class)
                .setParameter(1, dev.torre.platform.tenancy.TenantContext.current())
                .setParameter(2, array)
                .getResultList();
        return found;
    }

    @Override
    public CompanyInput inputOf(Company c) {
        return new CompanyInput(c.name, c.domain, c.industry, c.sizeBand, c.tier, c.externalId, c.properties);
    }

    @Override
    public CompanyInput normalise(CompanyInput in) {
        String domain = in.domain() == null || in.domain().isBlank() ? null : in.domain().trim().toLowerCase(Locale.ROOT);
        return new CompanyInput(in.name().trim(), domain, blankToNull(in.industry()), in.sizeBand(), in.tier(),
                blankToNull(in.externalId()), CustomProperties.check(in.properties()));
    }

    @Override
    public Map<Integer, TorreException> checkReferences(Map<Integer, CompanyInput> inputs) {
        return Map.of();
    }

    @Override
    public Company insert(CompanyInput input) {
        Company company = new Company();
        apply(company, input);
        em.persist(company);
        events.append(TYPE, company.id, "created", Map.of("data", inputs.tree(input)));
        return company;
    }

    @Override
    public boolean change(Company company, CompanyInput input) {
        JsonNode before = inputs.tree(inputOf(company));
        JsonNode after = inputs.tree(input);
        if (before.equals(after)) {
            return false;
        }
        apply(company, input);
        events.append(TYPE, company.id, "updated", Map.of("changes", Changes.between(before, after)));
        return true;
    }

    private static void apply(Company c, CompanyInput in) {
        c.name = in.name();
        c.domain = in.domain();
        c.industry = in.industry();
        c.sizeBand = in.sizeBand();
        c.tier = in.tier();
        c.externalId = in.externalId();
        c.properties = in.properties();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
