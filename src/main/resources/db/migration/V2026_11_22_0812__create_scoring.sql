-- Scoring: tenant rules, settings, stored lead scores with their explanation, per-tenant
-- predictive models and their training jobs, and the event-log position of the scoring worker.

create table scoring_settings (
    tenant_id           text         not null,
    id                  uuid         not null,
    blend_weight        numeric(4, 3) not null,
    change_step         integer      not null,
    thresholds          jsonb        not null default '[]',
    label_window_days   integer      not null,
    min_positives       integer      not null,
    min_negatives       integer      not null,
    rules_version       bigint       not null default 0,
    version             bigint       not null,
    created_at          timestamptz  not null,
    updated_at          timestamptz  not null,
    archived_at         timestamptz,
    primary key (tenant_id, id)
);
create unique index scoring_settings_tenant_uq on scoring_settings (tenant_id);

create table scoring_rule (
    tenant_id         text          not null,
    id                uuid          not null,
    name              varchar(100)  not null,
    kind              varchar(20)   not null,
    condition         text,
    interaction_type  varchar(30),
    match             text,
    window_days       integer,
    min_count         integer,
    half_life_days    numeric(8, 2),
    points            numeric(6, 2) not null,
    version           bigint        not null,
    created_at        timestamptz   not null,
    updated_at        timestamptz   not null,
    archived_at       timestamptz,
    primary key (tenant_id, id)
);

create table contact_score (
    tenant_id          text          not null,
    contact_id         uuid          not null,
    value              smallint      not null,
    notified_value     smallint      not null,
    rule_points        numeric(10, 3) not null,
    probability        double precision,
    factors            jsonb         not null,
    rules_version      bigint        not null,
    model_version      integer,
    decays             boolean       not null,
    computed_at        timestamptz   not null,
    primary key (tenant_id, contact_id),
    foreign key (tenant_id, contact_id) references contact (tenant_id, id)
);
create index contact_score_decay_idx on contact_score (tenant_id, computed_at) where decays;

-- A copy of the value on the contact row, so lists filter and sort by it with the contact's own indexes.
alter table contact add column lead_score integer;
create index contact_lead_score_idx on contact (tenant_id, lead_score, id) where archived_at is null;

create table scoring_model (
    tenant_id       text          not null,
    id              uuid          not null,
    kind            varchar(30)   not null,
    model_version   integer       not null,
    status          varchar(20)   not null,
    intercept       double precision,
    features        jsonb         not null default '[]',
    metrics         jsonb         not null default '{}',
    trained_at      timestamptz   not null,
    version         bigint        not null,
    created_at      timestamptz   not null,
    updated_at      timestamptz   not null,
    archived_at     timestamptz,
    primary key (tenant_id, id)
);
create unique index scoring_model_version_uq on scoring_model (tenant_id, kind, model_version);

create table scoring_job (
    tenant_id     text          not null,
    id            uuid          not null,
    kind          varchar(30)   not null,
    status        varchar(20)   not null,
    phase         varchar(40)   not null,
    progress      integer       not null,
    model_id      uuid,
    detail        text,
    started_at    timestamptz,
    finished_at   timestamptz,
    version       bigint        not null,
    created_at    timestamptz   not null,
    updated_at    timestamptz   not null,
    archived_at   timestamptz,
    primary key (tenant_id, id)
);
-- At most one queued or running job per tenant and kind: a second train request is a conflict.
create unique index scoring_job_active_uq on scoring_job (tenant_id, kind) where status in ('queued', 'running');

-- The scoring worker's position in each tenant's event log. A row appears the first time a
-- tenant writes an event (trigger below), so the worker learns of tenants without a registry.
create table scoring_cursor (
    tenant_id   text        not null,
    position    text,
    updated_at  timestamptz not null default now(),
    primary key (tenant_id)
);

call torre_tenant_wall('scoring_settings');

call torre_tenant_wall('scoring_rule');

call torre_tenant_wall('contact_score');

call torre_tenant_wall('scoring_model');

call torre_tenant_wall('scoring_job');

call torre_tenant_wall('scoring_cursor');

create function scoring_register_tenants() returns trigger language plpgsql as $$
begin
    insert into scoring_cursor (tenant_id)
    select distinct tenant_id from new_events
    on conflict (tenant_id) do nothing;
    return null;
end
$$;
create trigger scoring_register_tenants after insert on event_log
    referencing new table as new_events
    for each statement execute function scoring_register_tenants();
