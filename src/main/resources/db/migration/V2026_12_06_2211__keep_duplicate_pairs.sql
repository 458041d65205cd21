-- Likely duplicate pairs, kept current from the event log by the duplicate worker (issue 19), instead of computed on
-- each request. One row per pair of records of a kind (record_id < other_id); a dismissed pair keeps its row, so the
-- worker never brings it back.
create table duplicate_pair (
    tenant_id     text         not null,
    id            uuid         not null,
    object_type   varchar(10)  not null check (object_type in ('contact', 'company')),
    record_id     uuid         not null,
    other_id      uuid         not null,
    score         numeric(4,3) not null,
    signals       text[]       not null,
    dismissed_at  timestamptz,
    dismissed_by  text,
    version       bigint       not null default 0,
    created_at    timestamptz  not null default now(),
    updated_at    timestamptz  not null default now(),
    primary key (tenant_id, id),
    unique (tenant_id, object_type, record_id, other_id),
    check (record_id < other_id)
);
-- the listing: best pairs first
create index duplicate_pair_score_idx on duplicate_pair (tenant_id, object_type, score desc, record_id, other_id) where dismissed_at is null;
-- the worker drops a changed record's pairs from either side
create index duplicate_pair_other_idx on duplicate_pair (tenant_id, other_id);

-- The duplicate worker's position in each tenant's event log, created on the tenant's first pass.
create table duplicate_cursor (
    tenant_id   text        not null,
    position    text,
    updated_at  timestamptz not null default now(),
    primary key (tenant_id)
);

-- The duplicate check on create compares companies by folded name and by domain without www.
create index company_name_key_idx on company (tenant_id, torre_fold(name)) where archived_at is null;
create index company_domain_key_idx on company (tenant_id, regexp_replace(domain, '^www\.', '')) where archived_at is null and domain is not null;

call torre_tenant_wall('duplicate_pair');

call torre_tenant_wall('duplicate_cursor');
