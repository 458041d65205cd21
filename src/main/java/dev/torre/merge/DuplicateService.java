package dev.torre.merge;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import dev.torre.company.CompanyService;
import dev.torre.contact.ContactService;
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
 * similarity (pg_trgm over unaccented text) and same company; companies by name similarity and domain. Scored in SQL,
 * on demand, with the trigram and key indexes bounding the work.
 */
@ApplicationScoped
public class DuplicateService {

    /** The contact's folded full name, as the trigram index holds it (alias {@code c}). */
    private static final String CONTACT_NAME = "torre_fold(coalesce(%1$s.first_name, '') || ' ' || coalesce(%1$s.last_name, ''))";

    private static final String CONTACT_SIGNALS = """
            coalesce(torre_email_key(c.email) = torre_email_key(x.email), false) as email_match,
            coalesce(c.phone = x.phone, false) as phone_match,
            similarity(%1$s, %2$s) as name_similarity,
            coalesce(c.company_id = x.company_id, false) as company_match
            """.formatted(CONTACT_NAME.formatted("c"), CONTACT_NAME.formatted("x"));

    private static final String CONTACT_MATCH = "(torre_email_key(c.email) = torre_email_key(x.email) or c.phone = x.phone or %s %% %s)"
            .formatted(CONTACT_NAME.formatted("c"), CONTACT_NAME.formatted("x"));

    private static final String CONTACT_SCORE =
            "least(1, 0.6 * email_match::int + 0.5 * phone_match::int + 0.5 * name_similarity + 0.15 * company_match::int)";

    private static final String COMPANY_SIGNALS = """
            coalesce(regexp_replace(lower(c.domain), '^www\\.', '') = regexp_replace(lower(x.domain), '^www\\.', ''), false) as email_match,
            false as phone_match,
            similarity(torre_fold(c.name), torre_fold(x.name)) as name_similarity,
            false as company_match
            """;

    private static final String COMPANY_MATCH =
            "(regexp_replace(lower(c.domain), '^www\\.', '') = regexp_replace(lower(x.domain), '^www\\.', '') or torre_fold(c.name) % torre_fold(x.name))";

    private static final String COMPANY_SCORE = "least(1, 0.7 * email_match::int + 0.6 * name_similarity)";

    /** Candidates below this score are noise (a shared first name) and are not listed. */
    private static final String MIN_SCORE = "0.3";

    @Inject
    EntityManager em;

    @Inject
    ContactService contacts;

    @Inject
    CompanyService companies;

    @Inject
    Permissions permissions;

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

    /** The tenant's likeliest duplicate pairs of one kind, best first; computed on demand, bounded by {@code limit}. */
    public List<DuplicatePairView> pairs(String objectType, String limitText) {
        if (!permissions.allows("contacts:read") && !permissions.allows("companies:read")) {
            throw new TorreException(ErrorCode.FORBIDDEN, "Listing duplicates needs 'contacts:read' or 'companies:read'");
        }
        int limit = limitText == null ? ListRequest.DEFAULT_LIMIT : ListRequest.wholeNumber("limit", limitText);
        if (limit < 1 || limit > ListRequest.MAX_LIMIT) {
            throw new TorreException(ErrorCode.INVALID_QUERY, "limit must be between 1 and " + ListRequest.MAX_LIMIT,
                    List.of(new FieldError("limit", "invalid_value", "1 to " + ListRequest.MAX_LIMIT)));
        }
        boolean contact = "contact".equals(objectType);
        if (!contact && !"company".equals(objectType)) {
            throw new TorreException(ErrorCode.INVALID_QUERY, "objectType must be contact or company",
                    List.of(new FieldError("objectType", "invalid_value", "contact or company")));
        }
        String scope = contact ? "contacts:read" : "companies:read";
        if (!permissions.allows(scope)) {
            throw new TorreException(ErrorCode.FORBIDDEN, "Listing duplicate " + objectType + " records needs '" + scope + "'");
        }
        String table = contact ? "contact" : "company";
        String sql = """
                select id, other_id, %4$s as score, email_match, phone_match, name_similarity, company_match from (
                  select x.id, c.id as other_id, %1$s
                  from %2$s x join %2$s c on c.tenant_id = x.tenant_id and c.id > x.id and c.archived_at is null and %3$s
                  where x.tenant_id = ? and x.archived_at is null
                ) s where %4$s >= %5$s order by score desc, id, other_id limit %6$d
                """.formatted(contact ? CONTACT_SIGNALS : COMPANY_SIGNALS, table, contact ? CONTACT_MATCH : COMPANY_MATCH,
                contact ? CONTACT_SCORE : COMPANY_SCORE, MIN_SCORE, limit);
        return Sql.query(em, SqlFragment.of(sql, TenantContext.current()), r -> new DuplicatePairView(Sql.uuid(r, 1), Sql.uuid(r, 2),
                round(r.getBigDecimal(3)), signals(contact, r.getBoolean(4), r.getBoolean(5), r.getDouble(6), r.getBoolean(7))));
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
