-- Automation, second round: a contact's own time zone (quiet hours are read in it), a tenant's messaging settings
-- (frequency caps per channel and quiet hours, the server's configuration being the default), and teams whose
-- members workflows assign tasks to in turn.

alter table contact add column time_zone varchar(64);

-- One row per tenant, made on the first write; absent: the server's torre.workflows.messages.* defaults.
create table messaging_settings (
    tenant_id    text         not null,
    id           uuid         not null,
    settings     jsonb        not null,
    version      bigint       not null,
    created_at   timestamptz  not null,
    updated_at   timestamptz  not null,
    primary key (tenant_id)
);

create table team (
    tenant_id    text          not null,
    id           uuid          not null,
    name         varchar(200)  collate "und-x-icu" not null,
    members      text[]        not null,
    external_id  varchar(200),
    version      bigint        not null,
    created_at   timestamptz   not null,
    updated_at   timestamptz   not null,
    archived_at  timestamptz,
    primary key (tenant_id, id)
);
create unique index team_external_id_uq on team (tenant_id, external_id);
create index team_updated_idx on team (tenant_id, updated_at, id) where archived_at is null;

-- The team's round-robin position, shared by every workflow that assigns to it: locked while a turn is taken, so
-- concurrent runs take consecutive turns.
create table team_rotation (
    tenant_id  text    not null,
    team_id    uuid    not null,
    turns      bigint  not null,
    primary key (tenant_id, team_id)
);

call torre_tenant_wall('messaging_settings');

call torre_tenant_wall('team');

call torre_tenant_wall('team_rotation');
