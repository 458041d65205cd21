-- API clients (OAuth 2.0 client credentials), the key that signs their tokens, the rate counters that every
-- instance shares, and the usage each client makes of the API.

create table api_client (
    tenant_id              text         not null,
    id                     uuid         not null,
    name                   varchar(200) not null,
    scopes                 text[]       not null,
    roles                  text[]       not null,
    rate_limit             integer,
    -- BCrypt, never the secret itself
    secret_hash            text         not null,
    -- bumped by each rotation; tokens carry the generation they were issued under
    secret_generation      integer      not null default 1,
    previous_secret_hash   text,
    previous_secret_until  timestamptz,
    version                bigint       not null,
    created_at             timestamptz  not null,
    updated_at             timestamptz  not null,
    archived_at            timestamptz,
    primary key (tenant_id, id)
);
create index api_client_updated_idx on api_client (tenant_id, updated_at, id) where archived_at is null;
call torre_tenant_wall('api_client');

-- Torre's own signing keys for client tokens. Not tenant data: any connection may read the public part and the
-- sealed private part (sealed with a key derived from TORRE_ENCRYPTION_KEY, which the database never sees), and add
-- a key; nothing may change or delete one. Every instance signs with the newest key and publishes them all.
create table signing_key (
    kid          varchar(64)  primary key,
    algorithm    varchar(10)  not null,
    public_key   text         not null,
    private_key  text         not null,
    created_at   timestamptz  not null default now()
);
alter table signing_key enable row level security;
alter table signing_key force row level security;
create policy signing_key_read on signing_key for select using (true);
create policy signing_key_add on signing_key for insert with check (true);

-- One fixed window per limited key (a tenant, or one API client), shared by every instance; instances take
-- allowance from it in small leases (platform.rest.SharedRates).
create table rate_window (
    tenant_id     text         not null,
    rate_key      varchar(200) not null,
    window_start  bigint       not null,
    used          integer      not null,
    primary key (tenant_id, rate_key)
);
call torre_tenant_wall('rate_window');

-- Requests per day, API client (or '' for other tokens) and operation family, flushed from memory each minute.
create table api_usage (
    tenant_id   text         not null,
    day         date         not null,
    client_id   varchar(200) not null,
    family      varchar(100) not null,
    total       bigint       not null default 0,
    client_errors bigint     not null default 0,
    rate_limited bigint      not null default 0,
    server_errors bigint     not null default 0,
    primary key (tenant_id, day, client_id, family)
);
call torre_tenant_wall('api_usage');
