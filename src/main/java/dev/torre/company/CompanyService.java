package dev.torre.company;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.torre.platform.error.DuplicateFound;
import dev.torre.platform.error.DuplicateMatch;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.persistence.CustomProperties;
import dev.torre.platform.persistence.RecordService;
import dev.torre.platform.persistence.Sql;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.query.FieldRegistry;
import dev.torre.platform.security.RequiresScope;

/** The only place that writes companies. */
@ApplicationScoped
public class CompanyService extends RecordService<Company, CompanyInput, CompanyView> {

    private static final List<Key<Company, CompanyInput>> KEYS = List.of(
            new Key<>("externalId", "external_id", false, false, c -> c.externalId, CompanyInput::externalId),
            new Key<>("domain", "domain", true, true, c -> c.domain, CompanyInput::domain));
    private static final Map<String, String> UNIQUE_INDEXES = Map.of(
            "company_domain_uq", "domain", "company_external_id_uq", "externalId");

    static final Kind<Company, CompanyInput> KIND = new Kind<>(
            "company", Company.class, Company::new, CompanyInput.class,
            "company", "companies", "/v1/companies", CompanyFields.REGISTRY, KEYS, UNIQUE_INDEXES);

    @Inject
    dev.torre.platform.properties.PropertyDefinitions definitions;

    /** What company filters may name, for capabilities that join companies in their own SQL (alias {@code c}). */
    public static FieldRegistry<?> filterFields() {
        return CompanyFields.REGISTRY;
    }

    /** Companies by id, for GraphQL's batched loading; missing ids are simply absent. */
    @RequiresScope("companies:read")
    public Map<UUID, CompanyView> byIds(Collection<UUID> ids) {
        return viewsByIds(ids, CompanyView::of);
    }

    /** The service tier of each of these companies that has one; for rules of other capabilities (ticket priorities, SLAs). */
    public Map<UUID, String> tiersOf(Collection<UUID> ids) {
        Map<UUID, String> found = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            em.createQuery("select c.id, c.tier from Company c where c.id in :ids and c.tier is not null", Object[].class)
                    .setParameter("ids", ids).getResultList().forEach(row -> found.put((UUID) row[0], (String) row[1]));
        }
        return found;
    }

    // --- the company's own rules ---

    @Override
    protected CompanyView view(Company record) {
        return CompanyView.of(record);
    }

    @Override
    protected Kind<Company, CompanyInput> kind() {
        return KIND;
    }

    @Override
    public CompanyInput inputOf(Company c) {
        return new CompanyInput(c.name, c.domain, c.industry, c.sizeBand, c.tier, c.externalId, c.properties);
    }


    /** Sensitive properties are sealed here, bound to this company and property. */
    @Override
    protected CompanyInput stored(Company record, CompanyInput in) {
        return in.withProperties(definitions.store("company", record.id, record.properties, in.properties()));
    }

    @Override
    public CompanyInput normalise(CompanyInput in) {
        String domain = in.domain() == null || in.domain().isBlank() ? null : in.domain().trim().toLowerCase(Locale.ROOT);
        return new CompanyInput(in.name().trim(), domain, blankToNull(in.industry()), in.sizeBand(), in.tier(),
                blankToNull(in.externalId()), definitions.apply("company", CustomProperties.check(in.properties())));
    }

    /**
     * New companies that look like active ones: the same domain (without www.) or the same name, accent- and
     * case-insensitive ("ACME Iberica" is "Acme Ibérica"). Keys computed by the SQL that the indexes hold.
     */
    @Override
    public Map<Integer, TorreException> likelyDuplicates(Map<Integer, CompanyInput> fresh) {
        List<Integer> positions = List.copyOf(fresh.keySet());
        int n = positions.size();
        String[] names = new String[n];
        String[] domains = new String[n];
        for (int k = 0; k < n; k++) {
            names[k] = fresh.get(positions.get(k)).name();
            domains[k] = fresh.get(positions.get(k)).domain();
        }
        List<String[]> keys = Sql.query(em, SqlFragment.of("""
                select torre_fold(v.name), regexp_replace(v.domain, '^www\\.', '')
                from unnest(cast(? as text[]), cast(? as text[])) with ordinality v(name, domain, k) order by v.k
                """, names, domains), r -> new String[] { r.getString(1), r.getString(2) });
        String[] nameKeys = new String[n];
        String[] domainKeys = new String[n];
        Map<String, List<Object>> claims = new LinkedHashMap<>();
        claims.put("nameKey", new ArrayList<>());
        claims.put("domainKey", new ArrayList<>());
        for (int k = 0; k < n; k++) {
            nameKeys[k] = keys.get(k)[0];
            domainKeys[k] = keys.get(k)[1];
            claims.get("nameKey").add(nameKeys[k]);
            claims.get("domainKey").add(domainKeys[k]);
        }
        claimLookAlikes(n, claims);
        // One index lookup per signal and new item, on the stored keys (see ContactService.likelyDuplicates)
        String tenant = TenantContext.current();
        List<Object[]> rows = Sql.query(em, SqlFragment.of("""
                with v as (select * from unnest(cast(? as text[]), cast(? as text[])) with ordinality v(name_key, domain_key, k)),
                hits as (
                  select v.k, c.id from v cross join lateral (select c.id from company c where c.tenant_id = ? and c.archived_at is null
                    and c.name_key = v.name_key) c
                  union
                  select v.k, c.id from v cross join lateral (select c.id from company c where c.tenant_id = ? and c.archived_at is null
                    and c.domain_key = v.domain_key) c)
                select v.k, c.id, coalesce(c.name_key = v.name_key, false), coalesce(c.domain_key = v.domain_key, false)
                from hits h join v on v.k = h.k join company c on c.tenant_id = ? and c.id = h.id
                order by v.k, c.id limit 1000
                """, nameKeys, domainKeys, tenant, tenant, tenant),
                r -> new Object[] { r.getInt(1), Sql.uuid(r, 2), r.getBoolean(3), r.getBoolean(4) });
        Map<Integer, List<DuplicateMatch>> matches = new LinkedHashMap<>();
        for (Object[] row : rows) {
            List<String> signals = new ArrayList<>();
            if ((Boolean) row[2]) {
                signals.add("name");
            }
            if ((Boolean) row[3]) {
                signals.add("domain");
            }
            matches.computeIfAbsent(positions.get(((Number) row[0]).intValue() - 1), k -> new ArrayList<>())
                    .add(new DuplicateMatch((UUID) row[1], signals));
        }
        Map<Integer, TorreException> refused = new LinkedHashMap<>();
        matches.forEach((i, found) -> refused.put(i, new DuplicateFound("company", found)));
        return refused;
    }

    @Override
    public Map<Integer, TorreException> checkReferences(Map<Integer, CompanyInput> inputs) {
        return Map.of();
    }

    @Override
    protected void apply(Company c, CompanyInput in) {
        c.name = in.name();
        c.domain = in.domain();
        c.industry = in.industry();
        c.sizeBand = in.sizeBand();
        c.tier = in.tier();
        c.externalId = in.externalId();
        c.properties = in.properties();
    }
}
