-- Platform tables shared by every capability: the event log and idempotency keys.

-- The tenant wall, written once. Every table of business data carries tenant_id, and its
-- migration calls torre_tenant_wall('<table>'): row-level security enabled and forced (so it
-- holds for the owning role too) with one policy that admits only the rows of the tenant the
-- connection is stamped with (setting torre.tenant; unset means no rows at all).
create procedure torre_tenant_wall(target regclass) language plpgsql as $$
begin
    execute format('alter table %s enable row level security', target);
    execute format('alter table %s force row level security', target);
    execute format('create policy tenant_wall on %s'
                   ' using (tenant_id = current_setting(''torre.tenant'', true))'
                   ' with check (tenant_id = current_setting(''torre.tenant'', true))', target);
end
$$;

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

call torre_tenant_wall('event_log');

call torre_tenant_wall('idempotency_key');
