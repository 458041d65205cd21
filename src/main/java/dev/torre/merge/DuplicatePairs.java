package dev.torre.merge;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import dev.torre.platform.persistence.Sql;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.tenancy.TenantContext;

/**
 * Brings the stored duplicate pairs of some records in line with the records as they are now: their undismissed
 * pairs are dropped and those they form today are scored again, in two set-based statements. An archived or merged
 * record forms none, so its pairs leave the listing; a dismissed pair keeps its row and is never scored back in.
 */
@ApplicationScoped
class DuplicatePairs {

    /**
     * Stored records a changed one is compared with, at most this many per key: against a small pool of names
     * (seeded data, a shop's many "Ana García") one record has thousands of namesakes, and scoring them all made one
     * pass take minutes. The best pairs are among those sharing a key, so the listing keeps them.
     */
    static final int CANDIDATES_PER_KEY = 50;

    /** The stored look-alike keys a contact is found by, each a plain column under an index (see V2026_12_07_0152). */
    private static final List<String> CONTACT_KEYS = List.of("email_key", "phone", "name_key");

    private static final List<String> COMPANY_KEYS = List.of("name_key", "domain_key");

    @Inject
    EntityManager em;

    /** Re-scores the pairs of these records of one kind ({@code contact} or {@code company}); answers the pairs now stored for them. */
    int refresh(String objectType, UUID[] ids) {
        boolean contact = "contact".equals(objectType);
        String tenant = TenantContext.current();
        Sql.update(em, SqlFragment.of("""
                delete from duplicate_pair where tenant_id = ? and object_type = ? and dismissed_at is null
                  and (record_id = any(?) or other_id = any(?))
                """, tenant, objectType, ids, ids));
        String sql = """
                insert into duplicate_pair (tenant_id, id, object_type, record_id, other_id, score, signals)
                select distinct on (least(id, other_id), greatest(id, other_id))
                  ?, gen_random_uuid(), ?, least(id, other_id), greatest(id, other_id), round(cast(%4$s as numeric), 3),
                  array_remove(array[case when email_match then '%5$s' end, case when phone_match then 'phone' end,
                    case when name_similarity >= 0.5 then 'name' end, case when company_match then 'company' end], null)
                from (
                  select x.id, c.id as other_id, %1$s
                  from %2$s x join lateral (
                    select c.* from (%3$s) found join %2$s c on c.tenant_id = x.tenant_id and c.id = found.id
                  ) c on true
                  where x.tenant_id = ? and x.id = any(?) and x.archived_at is null
                ) s where %4$s >= %6$s
                order by least(id, other_id), greatest(id, other_id)
                on conflict (tenant_id, object_type, record_id, other_id) do nothing
                """.formatted(contact ? DuplicateService.CONTACT_SIGNALS : DuplicateService.COMPANY_SIGNALS, contact ? "contact" : "company",
                candidates(contact ? CONTACT_KEYS : COMPANY_KEYS, contact ? "contact" : "company"),
                contact ? DuplicateService.CONTACT_SCORE : DuplicateService.COMPANY_SCORE, contact ? "email" : "domain", DuplicateService.MIN_SCORE);
        return Sql.update(em, SqlFragment.of(sql, tenant, objectType, tenant, ids));
    }

    /**
     * The ids of the records sharing one of these keys with {@code x}, one index lookup per key. Trigram similarity
     * cannot find them under row-level security (the {@code %} operator is not leakproof, so PostgreSQL tests it row
     * by row after the tenant check, over every record of the tenant); it only scores what these lookups found.
     */
    private static String candidates(List<String> keys, String table) {
        return keys.stream().map(key -> """
                (select c.id from %1$s c where c.tenant_id = x.tenant_id and c.archived_at is null and c.%2$s = x.%2$s
                   and c.id <> x.id limit %3$d)""".formatted(table, key, CANDIDATES_PER_KEY))
                .collect(java.util.stream.Collectors.joining(" union "));
    }
}
