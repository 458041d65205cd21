-- Segments: saved filters (dynamic) or hand-kept lists (static) of contacts, companies or deals,
-- their materialised membership, and the segment worker's position in each tenant's event log.

create table segment (
    tenant_id    text          not null,
    id           uuid          not null,
    name         varchar(200)  collate "und-x-icu" not null,
    object_type  varchar(20)   not null check (object_type in ('contact', 'company', 'deal')),
    kind         varchar(20)   not null check (kind in ('dynamic', 'static')),
    filter       text,
    version      bigint        not null,
    created_at   timestamptz   not null,
    updated_at   timestamptz   not null,
    archived_at  timestamptz,
    primary key (tenant_id, id),
    check ((kind = 'dynamic') = (filter is not null))
);
-- the worker looks up the live dynamic segments of one object type
create index segment_type_idx on segment (tenant_id, object_type) where archived_at is null and kind = 'dynamic';

-- One row per record in a segment, since when. Records are archived, never deleted, so no foreign key to
-- three tables is needed: lists join the record's table and leave out archived or erased ones.
create table segment_member (
    tenant_id   text         not null,
    segment_id  uuid         not null,
    record_id   uuid         not null,
    since       timestamptz  not null,
    primary key (tenant_id, segment_id, record_id),
    foreign key (tenant_id, segment_id) references segment (tenant_id, id)
);
-- the worker's re-evaluation finds a record's rows across segments
create index segment_member_record_idx on segment_member (tenant_id, record_id);

-- The segment worker's position in each tenant's event log, created on the tenant's first pass.
create table segment_cursor (
    tenant_id   text        not null,
    position    text,
    updated_at  timestamptz not null default now(),
    primary key (tenant_id)
);

call torre_tenant_wall('segment');

call torre_tenant_wall('segment_member');

call torre_tenant_wall('segment_cursor');
