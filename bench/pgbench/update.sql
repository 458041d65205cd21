-- Baseline for the patch phase: one contact row updated, changing first_name and bumping version and
-- updated_at, matched by id under row-level security as Hibernate's update is. (The API also reads
-- the row first and appends an event_log row in the same transaction.)
\set k random(1, @NIDS@)
\set n random(1, 1000000000)
update contact set first_name = 'Pb' || :n, version = version + 1, updated_at = now() where id = ('@IDS@'::uuid[])[:k];
