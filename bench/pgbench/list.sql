-- Baseline for the list phase: the SQL that platform/query/Lists builds for
-- filter=lifecycleStage eq "lead"&sort=-updatedAt&limit=50 (SortSpec adds id as the last key; one row
-- more than the page is read to know whether another page follows).
select c.* from contact c where (c.tenant_id = :tenant) AND (c.archived_at is null) AND (c.lifecycle_stage = :stage) order by c.updated_at DESC NULLS FIRST, c.id ASC limit 51;
