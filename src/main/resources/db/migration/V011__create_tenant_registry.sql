-- One registry of the tenants that exist, for background jobs that must visit every tenant
-- (SLA timers, retention, scoring). It replaces three job-specific ways of peeking across the
-- row-level-security wall. A tenant exists from its first event: every write appends one, and
-- a statement trigger on event_log registers the tenants of the rows it inserted.
--
-- The table holds no business data: a tenant id and when it was first seen. Row-level security
-- is on and forced like everywhere else, with two policies instead of the usual tenant wall:
-- anyone may read the list (a job has no tenant while it lists them), and a connection may only
-- register the tenant it is stamped with (so the trigger, which runs as the writer, can add its
-- own tenant and nothing else). No policy permits update or delete.
create table tenant (
    tenant_id      text        primary key,
    first_seen_at  timestamptz not null default now()
);

-- Tenants that wrote before this migration. The migrating role owns the tables but is held by
-- the forced wall like the application, so it lifts the force on event_log for this one read
-- (inside the migration's transaction) and registers them before the registry gets its own wall.
alter table event_log no force row level security;
insert into tenant (tenant_id, first_seen_at)
select tenant_id, min(occurred_at) from event_log group by tenant_id;
alter table event_log force row level security;

alter table tenant enable row level security;
alter table tenant force row level security;
create policy tenant_list on tenant for select
    using (true);
create policy tenant_register on tenant for insert
    with check (tenant_id = current_setting('torre.tenant', true));

create function tenant_register() returns trigger language plpgsql as $$
begin
    insert into tenant (tenant_id)
    select distinct tenant_id from new_events
    on conflict (tenant_id) do nothing;
    return null;
end
$$;
create trigger tenant_register after insert on event_log
    referencing new table as new_events
    for each statement execute function tenant_register();

-- The job-specific listing policies this registry replaces.
drop policy sla_scan on ticket;
drop policy retention_job on retention_policy;
drop policy worker_lists_tenants on scoring_cursor;
