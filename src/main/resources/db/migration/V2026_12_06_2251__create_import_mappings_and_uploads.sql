-- Saved column mappings for imports (issue 19): a name, the kind of record, and which field each file column fills.
create table import_mapping (
    tenant_id     text          not null,
    id            uuid          not null,
    name          varchar(200)  not null,
    object_type   varchar(30)   not null,
    columns       jsonb         not null,
    version       bigint        not null,
    created_at    timestamptz   not null,
    updated_at    timestamptz   not null,
    archived_at   timestamptz,
    primary key (tenant_id, id)
);
create unique index import_mapping_name_uq on import_mapping (tenant_id, name) where archived_at is null;

-- A file larger than one request body, sent in numbered parts (each within the body limit) and stored until an
-- import reads it: the parts are read back one at a time, in order, so no more than one is ever in memory.
create table import_upload (
    tenant_id     text          not null,
    id            uuid          not null,
    actor         text,
    parts         integer       not null default 0,
    bytes         bigint        not null default 0,
    created_at    timestamptz   not null default now(),
    primary key (tenant_id, id)
);
create index import_upload_created_idx on import_upload (tenant_id, created_at);

create table import_upload_part (
    tenant_id     text          not null,
    upload_id     uuid          not null,
    part          integer       not null,
    data          bytea         not null,
    primary key (tenant_id, upload_id, part),
    foreign key (tenant_id, upload_id) references import_upload (tenant_id, id) on delete cascade
);

call torre_tenant_wall('import_mapping');

call torre_tenant_wall('import_upload');

call torre_tenant_wall('import_upload_part');
