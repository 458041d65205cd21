-- Baseline for the get phase: the statement Hibernate sends for GET /v1/contacts/{id} (as seen in
-- pg_stat_statements), one primary-key read under row-level security. :k picks a random id from
-- the same sample wrk draws from; the sample is an array constant of the prepared statement.
\set k random(1, @NIDS@)
select c1_0.id,c1_0.archived_at,c1_0.company_id,c1_0.created_at,c1_0.email,c1_0.external_id,c1_0.first_name,c1_0.last_name,c1_0.lifecycle_stage,c1_0.owner_id,c1_0.phone,c1_0.properties,c1_0.tags,c1_0.tenant_id,c1_0.updated_at,c1_0.utm_campaign,c1_0.utm_medium,c1_0.utm_source,c1_0.version from contact c1_0 where c1_0.id=('@IDS@'::uuid[])[:k] and c1_0.tenant_id = :tenant;
