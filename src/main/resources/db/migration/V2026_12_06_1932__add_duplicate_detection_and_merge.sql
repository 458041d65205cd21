-- Duplicate detection and merge (issue 19).
-- pg_trgm is a trusted extension: the database owner may create it, as it created unaccent.
create extension if not exists pg_trgm;

-- Text as duplicates compare it: lower case and without accents ("José" and "jose" are one name). unaccent itself
-- is only stable (its dictionary could change), so this wrapper names the dictionary and is declared immutable, which
-- lets indexes use it.
create function torre_fold(value text) returns text language sql immutable parallel safe
    as $$ select lower(public.unaccent('public.unaccent'::regdictionary, coalesce(value, ''))) $$;

-- An e-mail address as duplicates compare it: lower case, without a +tag, and for Gmail without dots in the local
-- part ("Ana.Ruiz+shop@gmail.com" and "anaruiz@gmail.com" are one mailbox). Null when there is no address.
create function torre_email_key(email text) returns text language sql immutable parallel safe as $$
    select case when email is null or position('@' in email) = 0 then null
                when split_part(lower(email), '@', 2) in ('gmail.com', 'googlemail.com')
                    then replace(split_part(split_part(lower(email), '@', 1), '+', 1), '.', '') || '@gmail.com'
                else split_part(split_part(lower(email), '@', 1), '+', 1) || '@' || split_part(lower(email), '@', 2) end
$$;

create index contact_name_trgm_idx on contact
    using gin (torre_fold(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) gin_trgm_ops) where archived_at is null;
create index contact_email_key_idx on contact (tenant_id, torre_email_key(email)) where archived_at is null;
create index contact_phone_dup_idx on contact (tenant_id, phone) where archived_at is null and phone is not null;
create index company_name_trgm_idx on company using gin (torre_fold(name) gin_trgm_ops) where archived_at is null;

-- A merged record points at the one it was merged into; it is archived, so it leaves lists and gives up its keys.
alter table contact add column merged_into uuid;
alter table company add column merged_into uuid;

-- The consent ledger is append-only: a merge copies the merged contact's entries to the survivor and notes here
-- which contact each copy was first recorded for; the originals stay untouched.
alter table consent add column merged_from uuid;
