-- One registry of the tenants that exist, for background jobs that must visit every tenant
-- (SLA timers, retention, scoring), so none of them needs a way around the row-level-security
-- wall. A tenant exists from its first event: every write appends one, and
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
