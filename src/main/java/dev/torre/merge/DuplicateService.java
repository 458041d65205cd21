package dev.torre.merge;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.torre.company.CompanyService;
import dev.torre.contact.ContactLookupService;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.persistence.Sql;
import dev.torre.platform.query.ListRequest;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.security.Permissions;
import dev.torre.platform.security.RequiresScope;
import dev.torre.platform.tenancy.TenantContext;

/**
 * Finds records that may be one: contacts by normalised e-mail, E.164 phone, accent- and case-insensitive name
 * similarity (pg_trgm over unaccented text) and same company; companies by name similarity and domain. A record's
 * candidates are scored in SQL on demand; the tenant's pairs are kept by {@link DuplicateWorker} and read here.
 */
@ApplicationScoped
public class DuplicateService {

    /** The contact's folded full name, as the trigram index holds it (alias {@code c}). */
    static final String CONTACT_NAME = "torre_fold(coalesce(%1$s.first_name, '') || ' ' || coalesce(%1$s.last_name, ''))";

    static final String CONTACT_SIGNALS = """
            coalesce(torre_email_key(c.email) = torre_email_key(x.email), false) as email_match,
            coalesce(c.phone = x.phone, false) as phone_match,
            similarity(%1$s, %2$s) as name_similarity,
            coalesce(c.company_id = x.company_id, false) as company_match
            """.formatted(CONTACT_NAME.formatted("c"), CONTACT_NAME.formatted("x"));

    static final String CONTACT_MATCH = "(torre_email_key(c.email) = torre_email_key(x.email) or c.phone = x.phone or %s %% %s)"
            .formatted(CONTACT_NAME.formatted("c"), CONTACT_NAME.formatted("x"));

    static final String CONTACT_SCORE =
            "least(1, 0.6 * email_match::int + 0.5 * phone_match::int + 0.5 * name_similarity + 0.15 * company_match::int)";

    static final String COMPANY_SIGNALS = """
            coalesce(regexp_replace(lower(c.domain), '^www\\.', '') = regexp_replace(lower(x.domain), '^www\\.', ''), false) as email_match,
            false as phone_match,
            similarity(torre_fold(c.name), torre_fold(x.name)) as name_similarity,
            false as company_match
            """;

    static final String COMPANY_MATCH =
            "(regexp_replace(lower(c.domain), '^www\\.', '') = regexp_replace(lower(x.domain), '^www\\.', '') or torre_fold(c.name) % torre_fold(x.name))";

    static final String COMPANY_SCORE = "least(1, 0.7 * email_match::int + 0.6 * name_similarity)";

    /** Candidates below this score are noise (a shared first name) and are not listed. */
    static final String MIN_SCORE = "0.3";

    @Inject
    EntityManager em;

    @Inject
    ContactLookupService contacts;

    @Inject
    CompanyService companies;

    @Inject
    Permissions permissions;

    @Inject
    dev.torre.platform.tenancy.Caller caller;

    /** The contacts that may be this one, best first (at most 20). */
    @RequiresScope("contacts:read")
    public List<DuplicateView> ofContact(UUID id) {
        contacts.get(id);
        return candidates("contact", id, CONTACT_SIGNALS, CONTACT_MATCH, CONTACT_SCORE,
                "trim(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')) as shown_name, c.email as shown_email, c.phone as shown_phone");
    }

    /** The companies that may be this one, best first (at most 20). */
    @RequiresScope("companies:read")
    public List<DuplicateView> ofCompany(UUID id) {
        companies.get(id);
        return candidates("company", id, COMPANY_SIGNALS, COMPANY_MATCH, COMPANY_SCORE,
                "c.name as shown_name, cast(null as text) as shown_email, cast(null as text) as shown_phone");
    }

    /**
     * The tenant's likeliest duplicate pairs of one kind, best first, as the duplicate worker keeps them (seconds behind
     * the writes); dismissed pairs and pairs of records archived or merged since are left out.
     */
    public List<DuplicatePairView> pairs(String objectType, String limitText) {
        if (!permissions.allows("contacts:read") && !permissions.allows("companies:read")) {
            throw new TorreException(ErrorCode.FORBIDDEN, "Listing duplicates needs 'contacts:read' or 'companies:read'");
        }
        int limit = limitText == null ? ListRequest.DEFAULT_LIMIT : ListRequest.wholeNumber("limit", limitText);
        if (limit < 1 || limit > ListRequest.MAX_LIMIT) {
            throw new TorreException(ErrorCode.INVALID_QUERY, "limit must be between 1 and " + ListRequest.MAX_LIMIT,
                    List.of(new FieldError("limit", "invalid_value", "1 to " + ListRequest.MAX_LIMIT)));
        }
        boolean contact = kind(objectType);
        String scope = contact ? "contacts:read" : "companies:read";
        if (!permissions.allows(scope)) {
            throw new TorreException(ErrorCode.FORBIDDEN, "Listing duplicate " + objectType + " records needs '" + scope + "'");
        }
        String table = contact ? "contact" : "company";
        String sql = """
                select p.record_id, p.other_id, p.score, p.signals, p.id, p.dismissed_at from duplicate_pair p
                join %1$s a on a.tenant_id = p.tenant_id and a.id = p.record_id and a.archived_at is null
                join %1$s b on b.tenant_id = p.tenant_id and b.id = p.other_id and b.archived_at is null
                where p.tenant_id = ? and p.object_type = ? and p.dismissed_at is null
                order by p.score desc, p.record_id, p.other_id limit %2$d
                """.formatted(table, limit);
        return Sql.query(em, SqlFragment.of(sql, TenantContext.current(), objectType), DuplicateService::pair);
    }

    /** Keeps a pair out of the listing for good: the two were judged different records. Dismissing twice changes nothing. */
    @Transactional
    public DuplicatePairView dismiss(UUID pairId) {
        if (!permissions.allows("contacts:write") && !permissions.allows("companies:write")) {
            throw new TorreException(ErrorCode.FORBIDDEN, "Dismissing duplicates needs 'contacts:write' or 'companies:write'");
        }
        String tenant = TenantContext.current();
        List<String> type = Sql.query(em, SqlFragment.of("select object_type from duplicate_pair where tenant_id = ? and id = ? for no key update",
                tenant, pairId), r -> r.getString(1));
        if (type.isEmpty() || !permissions.allows(type.getFirst().equals("contact") ? "contacts:read" : "companies:read")) {
            throw TorreException.notFound("Duplicate pair " + pairId);
        }
        String scope = type.getFirst().equals("contact") ? "contacts:write" : "companies:write";
        if (!permissions.allows(scope)) {
            throw new TorreException(ErrorCode.FORBIDDEN, "Dismissing this pair needs '" + scope + "'");
        }
        Sql.update(em, SqlFragment.of("""
                update duplicate_pair set dismissed_at = now(), dismissed_by = ?, version = version + 1, updated_at = now()
                where tenant_id = ? and id = ? and dismissed_at is null
                """, java.util.Objects.requireNonNullElse(caller.actor(), ""), tenant, pairId));
        return Sql.query(em, SqlFragment.of("select record_id, other_id, score, signals, id, dismissed_at from duplicate_pair where tenant_id = ? and id = ?",
                tenant, pairId), DuplicateService::pair).getFirst();
    }

    private static DuplicatePairView pair(java.sql.ResultSet r) throws java.sql.SQLException {
        java.time.OffsetDateTime dismissed = r.getObject(6, java.time.OffsetDateTime.class);
        return new DuplicatePairView(Sql.uuid(r, 1), Sql.uuid(r, 2), round(r.getBigDecimal(3)), List.of((String[]) r.getArray(4).getArray()),
                Sql.uuid(r, 5), dismissed == null ? null : dismissed.toInstant());
    }

    private static boolean kind(String objectType) {
        boolean contact = "contact".equals(objectType);
        if (!contact && !"company".equals(objectType)) {
            throw new TorreException(ErrorCode.INVALID_QUERY, "objectType must be contact or company",
                    List.of(new FieldError("objectType", "invalid_value", "contact or company")));
        }
        return contact;
    }

    private List<DuplicateView> candidates(String table, UUID id, String signals, String match, String score, String shown) {
        String sql = """
                select id, %4$s as score, email_match, phone_match, name_similarity, company_match, shown_name, shown_email, shown_phone from (
                  select c.id, %1$s, %5$s
                  from %2$s c, (select * from %2$s where tenant_id = ? and id = ?) x
                  where c.tenant_id = x.tenant_id and c.id <> x.id and c.archived_at is null and %3$s
                  limit 500
                ) s where %4$s >= %6$s order by score desc, id limit 20
                """;
        sql = sql.formatted(signals, table, match, score, shown, MIN_SCORE);
        boolean contact = table.equals("contact");
        return Sql.query(em, SqlFragment.of(sql, TenantContext.current(), id), r -> new DuplicateView(Sql.uuid(r, 1), round(r.getBigDecimal(2)),
                signals(contact, r.getBoolean(3), r.getBoolean(4), r.getDouble(5), r.getBoolean(6)), r.getString(7), r.getString(8), r.getString(9)));
    }

    private static List<String> signals(boolean contact, boolean email, boolean phone, double name, boolean company) {
        List<String> out = new ArrayList<>();
        if (email) {
            out.add(contact ? "email" : "domain");
        }
        if (phone) {
            out.add("phone");
        }
        if (name >= 0.5) {
            out.add("name");
        }
        if (company) {
            out.add("company");
        }
        return out;
    }

    private static double round(BigDecimal score) {
        return score.setScale(2, java.math.RoundingMode.HALF_UP).doubleValue();
    }
}
