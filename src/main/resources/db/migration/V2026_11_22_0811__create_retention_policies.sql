-- Retention policies: what to delete or anonymise once it is old enough. The scheduled job
-- visits tenants from the tenant registry and changes everything as that tenant.
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

call torre_tenant_wall('retention_policy');
