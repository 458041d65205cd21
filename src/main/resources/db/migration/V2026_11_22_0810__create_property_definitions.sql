-- Typed custom properties per object type: validation, and whether a value is personal
-- (exported and erased with its contact) or sensitive (encrypted at rest, readable only by
-- the roles the definition names, never filterable).
create table property_definition (
    tenant_id     text          not null,
    id            uuid          not null,
    object_type   varchar(40)   not null,
    name          varchar(64)   not null,
    type          varchar(20)   not null,
    validation    jsonb         not null default '{}',
    personal      boolean       not null,
    sensitive     boolean       not null,
    readable_by   text[]        not null default '{}',
    version       bigint        not null,
    created_at    timestamptz   not null,
    updated_at    timestamptz   not null,
    archived_at   timestamptz,
    primary key (tenant_id, id),
    check (type in ('string', 'number', 'boolean', 'date', 'enum', 'multi_enum'))
);
create unique index property_definition_name_uq on property_definition (tenant_id, object_type, name) where archived_at is null;

call torre_tenant_wall('property_definition');
