package dev.torre.company;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.torre.platform.error.TorreException;
import dev.torre.platform.persistence.CustomProperties;
import dev.torre.platform.persistence.RecordService;
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

    private static final Kind<Company, CompanyInput> KIND = new Kind<>(
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
