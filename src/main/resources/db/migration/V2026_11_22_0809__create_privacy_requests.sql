-- Data-subject requests (access, erasure) and the mark an erased contact keeps.

create table privacy_request (
    tenant_id     text          not null,
    id            uuid          not null,
    type          varchar(10)   not null,
    contact_id    uuid          not null,
    state         varchar(10)   not null,
    progress      integer       not null,
    result        jsonb,
    failure       text,
    requested_by  varchar(200),
    completed_at  timestamptz,
    version       bigint        not null,
    created_at    timestamptz   not null,
    updated_at    timestamptz   not null,
    archived_at   timestamptz,
    primary key (tenant_id, id),
    check (type in ('access', 'erasure')),
    check (state in ('received', 'running', 'completed', 'failed')),
    check (progress between 0 and 100)
);
create index privacy_request_contact_idx on privacy_request (tenant_id, contact_id);

call torre_tenant_wall('privacy_request');

alter table contact add column erased_at timestamptz;
