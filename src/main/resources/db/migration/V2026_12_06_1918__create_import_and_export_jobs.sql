-- Imports and exports as jobs (issue 19). An upload is stored here, parsed into chunks of rows,
-- inside the request that sends it: whichever instance claims the job processes it, and a chunk
-- is deleted in the same transaction that writes its rows, so a restart resumes at the first
-- chunk not yet written.
create table import_job (
    tenant_id     text          not null,
    id            uuid          not null,
    object_type   varchar(30)   not null,
    match_on      varchar(40)   not null,
    format        varchar(10)   not null,
    dry_run       boolean       not null,
    status        varchar(20)   not null,
    total_rows    bigint        not null,
    processed     bigint        not null default 0,
    created       bigint        not null default 0,
    updated       bigint        not null default 0,
    unchanged     bigint        not null default 0,
    failed        bigint        not null default 0,
    detail        text,
    -- who asked: the rows are written with this caller's rights, as if sent by them
    actor         text,
    roles         text[]        not null,
    scopes        text[],
    lease_until   timestamptz,
    started_at    timestamptz,
    finished_at   timestamptz,
    version       bigint        not null,
    created_at    timestamptz   not null,
    updated_at    timestamptz   not null,
    archived_at   timestamptz,
    primary key (tenant_id, id)
);
create index import_job_claim_idx on import_job (tenant_id, created_at) where status in ('queued', 'running');

create table import_chunk (
    tenant_id     text          not null,
    job_id        uuid          not null,
    seq           integer       not null,
    -- a JSON array of [line, row] pairs: the row a JSON object (NDJSON) or the cells by column (CSV)
    rows          text          not null,
    primary key (tenant_id, job_id, seq)
);

create table import_error (
    tenant_id     text          not null,
    id            uuid          not null,
    job_id        uuid          not null,
    line          bigint        not null,
    field         text,
    code          varchar(60)   not null,
    problem       text          not null,
    primary key (tenant_id, id)
);
create index import_error_job_idx on import_error (tenant_id, job_id, id);

create table export_job (
    tenant_id     text          not null,
    id            uuid          not null,
    object_type   varchar(30)   not null,
    filter        text,
    fields        text[]        not null,
    format        varchar(10)   not null,
    status        varchar(20)   not null,
    exported      bigint        not null default 0,
    bytes         bigint        not null default 0,
    cursor        text,
    detail        text,
    actor         text,
    roles         text[]        not null,
    scopes        text[],
    lease_until   timestamptz,
    started_at    timestamptz,
    finished_at   timestamptz,
    version       bigint        not null,
    created_at    timestamptz   not null,
    updated_at    timestamptz   not null,
    archived_at   timestamptz,
    primary key (tenant_id, id)
);
create index export_job_claim_idx on export_job (tenant_id, created_at) where status in ('queued', 'running');

-- The written file, page by page, in order; streamed back as one body.
create table export_part (
    tenant_id     text          not null,
    job_id        uuid          not null,
    seq           integer       not null,
    body          text          not null,
    primary key (tenant_id, job_id, seq)
);

call torre_tenant_wall('import_job');
call torre_tenant_wall('import_chunk');
call torre_tenant_wall('import_error');
call torre_tenant_wall('export_job');
call torre_tenant_wall('export_part');
