-- Webhook subscriptions and their deliveries (DESIGN §4, §10): a cursor per subscription on the
-- event log, one delivery row per matching event, claimed with a lease.

create table webhook_subscription (
    tenant_id              text         not null,
    id                     uuid         not null,
    url                    varchar(2000) not null,
    event_types            text[]       not null,
    fields                 text[],
    filter                 varchar(4000),
    description            varchar(500),
    enabled                boolean      not null default true,
    -- AES-GCM sealed (platform Sealer), never plain
    secret                 text         not null,
    previous_secret        text,
    previous_secret_until  timestamptz,
    owner_actor            varchar(200),
    owner_roles            text[]       not null,
    owner_scopes           text[],
    feed_cursor            varchar(200),
    disabled_reason        varchar(500),
    version                bigint       not null,
    created_at             timestamptz  not null,
    updated_at             timestamptz  not null,
    archived_at            timestamptz,
    primary key (tenant_id, id)
);
create index webhook_subscription_updated_idx on webhook_subscription (tenant_id, updated_at, id) where archived_at is null;
call torre_tenant_wall('webhook_subscription');

create sequence webhook_delivery_position_seq;

create table webhook_delivery (
    tenant_id        text         not null,
    id               uuid         not null,
    subscription_id  uuid         not null,
    -- increases in the feed's order within a subscription (its reads are serialised by the subscription's row lock)
    position         bigint       not null default nextval('webhook_delivery_position_seq'),
    -- the event (its sequence in event_log); null for a test ping
    event_seq        bigint,
    event_type       varchar(100) not null,
    entity_id        uuid         not null,
    message_id       varchar(100) not null,
    body             jsonb        not null,
    status           varchar(10)  not null check (status in ('pending', 'delivered', 'failed')),
    attempts         integer      not null default 0,
    response_status  integer,
    latency_ms       integer,
    last_error       varchar(500),
    next_attempt_at  timestamptz  not null,
    lease_until      timestamptz,
    delivered_at     timestamptz,
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null,
    primary key (tenant_id, id),
    foreign key (tenant_id, subscription_id) references webhook_subscription (tenant_id, id)
);
create unique index webhook_delivery_event_uq on webhook_delivery (tenant_id, subscription_id, event_seq) where event_seq is not null;
-- what the claim looks for: due pending deliveries, and earlier pending ones of the same record
create index webhook_delivery_due_idx on webhook_delivery (tenant_id, next_attempt_at) where status = 'pending';
create index webhook_delivery_record_idx on webhook_delivery (tenant_id, subscription_id, entity_id, position) where status = 'pending';
create index webhook_delivery_list_idx on webhook_delivery (tenant_id, subscription_id, id);
call torre_tenant_wall('webhook_delivery');
