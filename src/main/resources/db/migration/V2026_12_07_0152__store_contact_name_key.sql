-- A contact's folded full name as a stored column with a plain index, for the duplicate-pairs worker. Its trigram
-- search could not use contact_name_trgm_idx under row-level security (the % operator is not leakproof, so it waits
-- for the tenant check row by row): each changed contact scanned every contact of the tenant, about a second at
-- 80,000. The worker now finds candidates by equal keys (this one, email_key, phone) through indexes, and scores
-- the few it finds by trigram similarity as before. Null for a contact without a name, which resembles no one by it.
alter table contact add column name_key text
    generated always as (nullif(trim(torre_fold(coalesce(first_name, '') || ' ' || coalesce(last_name, ''))), '')) stored;
create index contact_name_key_idx on contact (tenant_id, name_key) where archived_at is null and name_key is not null;
