-- Retention policies: what to delete or anonymise once it is old enough. The scheduled job
-- lists every tenant's policies through a select-only policy that holds only inside its own
-- transaction (torre.job = 'retention'); everything it then changes, it changes as the tenant.
create table retention_policy (
    tenant_id         text          not null,
    id                uuid          not null,
    action            varchar(30)   not null,
    interaction_type  varchar(30),
    older_than_days   integer       not null,
    version           bigint        not null,
    created_at        timestamptz   not null,
    updated_at        timestamptz   not null,
    archived_at       timestamptz,
    primary key (tenant_id, id),
    check (action in ('delete_interactions', 'anonymise_archived_contacts')),
    check (older_than_days > 0)
);

alter table retention_policy enable row level security;
alter table retention_policy force row level security;
create policy tenant_wall on retention_policy
    using (tenant_id = current_setting('torre.tenant', true))
    with check (tenant_id = current_setting('torre.tenant', true));
create policy retention_job on retention_policy for select
    using (current_setting('torre.job', true) = 'retention');
