-- Bulk reads (list, search and export pages) for the audit trail and the bulk-read guard,
-- the blocks the guard puts on actors, and each tenant's thresholds.

create table bulk_read (
    tenant_id     text          not null,
    id            uuid          not null,
    actor         varchar(200)  not null,
    client_ip     varchar(45),
    object_type   varchar(40)   not null,
    record_count  integer       not null,
    occurred_at   timestamptz   not null,
    primary key (tenant_id, id)
);
create index bulk_read_actor_idx on bulk_read (tenant_id, actor, occurred_at);
create index bulk_read_time_idx on bulk_read (tenant_id, occurred_at);

create table security_block (
    tenant_id    text          not null,
    id           uuid          not null,
    actor        varchar(200)  not null,
    reason       varchar(500)  not null,
    blocked_at   timestamptz   not null,
    lifted_at    timestamptz,
    lifted_by    varchar(200),
    primary key (tenant_id, id)
);
create index security_block_actor_idx on security_block (tenant_id, actor, blocked_at desc);
-- at most one block in force per actor
create unique index security_block_active_uq on security_block (tenant_id, actor) where lifted_at is null;

create table bulk_read_policy (
    tenant_id                  text         not null,
    id                         uuid         not null,
    per_hour                   integer      not null,
    per_hour_outside_hours     integer      not null,
    working_days               text[]       not null,
    work_start                 time         not null,
    work_end                   time         not null,
    time_zone                  varchar(64)  not null,
    updated_at                 timestamptz  not null,
    primary key (tenant_id, id)
);
create unique index bulk_read_policy_tenant_uq on bulk_read_policy (tenant_id);

call torre_tenant_wall('bulk_read');

call torre_tenant_wall('security_block');

call torre_tenant_wall('bulk_read_policy');
