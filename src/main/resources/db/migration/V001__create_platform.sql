-- Platform tables shared by every capability: the event log and idempotency keys.
-- Row-level security: every table carries tenant_id and a policy that reads the
-- connection's torre.tenant setting; FORCE makes it hold for the owning role too.

create text search configuration torre_search (copy = simple);
create extension if not exists unaccent;
alter text search configuration torre_search
    alter mapping for hword, hword_part, word with unaccent, simple;

create sequence event_log_seq increment by 100;

create table event_log (
    tenant_id    text        not null,
    seq          bigint      not null,
    tx_id        xid8        not null default pg_current_xact_id(),
    type         text        not null,
    entity_type  text        not null,
    entity_id    uuid        not null,
    actor        text,
    request_id   text,
    occurred_at  timestamptz not null,
    payload      jsonb       not null,
    primary key (tenant_id, seq)
);
create index event_log_feed_idx on event_log (tenant_id, tx_id, seq);
create index event_log_entity_idx on event_log (tenant_id, entity_type, entity_id, seq);

create table idempotency_key (
    tenant_id     text        not null,
    key           text        not null,
    operation     text        not null,
    request_hash  text        not null,
    status        int         not null,
    location      text,
    etag          text,
    body          text        not null,
    created_at    timestamptz not null default now(),
    primary key (tenant_id, key)
);

alter table event_log enable row level security;
alter table event_log force row level security;
create policy tenant_wall on event_log
    using (tenant_id = current_setting('torre.tenant', true))
    with check (tenant_id = current_setting('torre.tenant', true));

alter table idempotency_key enable row level security;
alter table idempotency_key force row level security;
create policy tenant_wall on idempotency_key
    using (tenant_id = current_setting('torre.tenant', true))
    with check (tenant_id = current_setting('torre.tenant', true));
