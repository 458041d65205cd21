-- Events about a contact (the preference portal's data-export, access exports) are those naming it as their
-- entity or as payload.contactId. Both arms get an index, so that read no longer scans the tenant's whole log.
-- The payload's contactId is copied into a generated column: under row-level security PostgreSQL may use an
-- index condition only if its operators are leakproof, and jsonb's ->> is not, so an index on the expression
-- itself would never serve the tenant-walled query. Adding the column rewrites event_log once, under an exclusive
-- lock (about 25 s per million events on a small machine); the indexes are not built CONCURRENTLY because
-- Flyway's own open transaction would make such a build wait forever.
alter table event_log add column payload_contact_id text generated always as (payload ->> 'contactId') stored;
create index event_log_payload_contact_idx on event_log (tenant_id, payload_contact_id)
    where payload_contact_id is not null;
create index event_log_entity_id_idx on event_log (tenant_id, entity_id);
