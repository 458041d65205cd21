-- A sweep walks every record of a dynamic segment's type in id order, a bounded batch per transaction, bringing
-- its membership in line with the filter: after the segment is defined, given a new filter or restored
-- ('definition': the segment is backfilling until it ends), and on a schedule for filters that read the clock or
-- values that change without an event ('schedule'). One row per segment: the latest sweep and how far it got.

create table segment_sweep (
    tenant_id    text        not null,
    segment_id   uuid        not null,
    cause        varchar(20) not null check (cause in ('definition', 'schedule')),
    after_id     uuid,
    processed    bigint      not null default 0,
    total        bigint      not null default 0,
    started_at   timestamptz not null,
    finished_at  timestamptz,
    primary key (tenant_id, segment_id),
    foreign key (tenant_id, segment_id) references segment (tenant_id, id)
);
-- the worker finds the tenant's unfinished sweeps
create index segment_sweep_open_idx on segment_sweep (tenant_id, started_at) where finished_at is null;

call torre_tenant_wall('segment_sweep');
