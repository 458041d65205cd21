-- The contact's three GIN indexes serve no query: under row-level security (forced on every role Torre connects as)
-- PostgreSQL evaluates a condition before the tenant check only if its operator is leakproof, and neither @@ (free
-- text, contact_search_idx), @> (tags, contact_tags_idx) nor pg_trgm's % (names, contact_name_trgm_idx) is. EXPLAIN
-- as the application role on 60,000 contacts: `q` search, a tags filter and the duplicates of a contact scan the
-- tenant's rows (seq scan or primary key) with the condition as a filter, even with sequential scans disabled.
-- Yet every insert, and every update of a searched column, wrote into all three, and a full pending list was merged
-- into them inside whichever insert found it full (a suspect for rare slow writes while seeding).
drop index contact_search_idx;
drop index contact_tags_idx;
drop index contact_name_trgm_idx;
