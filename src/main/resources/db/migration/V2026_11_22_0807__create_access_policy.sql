-- Who sees what: a tenant's changes to Torre's default access per role and object type.
-- A missing row means the default declared in code for that role and type.
create table access_policy (
    tenant_id      text         not null,
    id             uuid         not null,
    role           varchar(30)  not null,
    object_type    varchar(40)  not null,
    can_read       boolean      not null,
    can_write      boolean      not null,
    hidden_fields  text[]       not null default '{}',
    version        bigint       not null,
    created_at     timestamptz  not null,
    updated_at     timestamptz  not null,
    archived_at    timestamptz,
    primary key (tenant_id, id)
);
create unique index access_policy_role_type_uq on access_policy (tenant_id, role, object_type);

call torre_tenant_wall('access_policy');
