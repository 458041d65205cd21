-- Sales pipelines, their ordered stages, deals, the contacts of a deal with their role,
-- and the history of every stage change. A deal's stage must belong to the deal's
-- pipeline: the foreign key on (pipeline_id, stage_id) says so to the database too.

create table pipeline (
    tenant_id    text         not null,
    id           uuid         not null,
    name         varchar(200) not null,
    is_default   boolean      not null default false,
    version      bigint       not null,
    created_at   timestamptz  not null,
    updated_at   timestamptz  not null,
    archived_at  timestamptz,
    primary key (tenant_id, id)
);
-- one default pipeline per tenant, which also makes its creation on first use race-free
create unique index pipeline_default_uq on pipeline (tenant_id) where is_default;

create table pipeline_stage (
    tenant_id    text          not null,
    id           uuid          not null,
    pipeline_id  uuid          not null,
    name         varchar(200)  not null,
    position     integer       not null,
    kind         varchar(10)   not null check (kind in ('open', 'won', 'lost')),
    probability  numeric(5, 4) not null check (probability between 0 and 1),
    version      bigint        not null,
    created_at   timestamptz   not null,
    updated_at   timestamptz   not null,
    archived_at  timestamptz,
    primary key (tenant_id, id),
    unique (tenant_id, pipeline_id, id),
    foreign key (tenant_id, pipeline_id) references pipeline (tenant_id, id)
);
create index pipeline_stage_position_idx on pipeline_stage (tenant_id, pipeline_id, position) where archived_at is null;

create table deal (
    tenant_id            text          not null,
    id                   uuid          not null,
    name                 varchar(300)  collate "und-x-icu" not null,
    amount               numeric(19, 4) check (amount >= 0),
    currency             varchar(3),
    pipeline_id          uuid          not null,
    stage_id             uuid          not null,
    probability          numeric(5, 4) check (probability between 0 and 1),
    expected_close_date  date,
    owner_id             varchar(200),
    contact_id           uuid,
    company_id           uuid,
    source               varchar(200),
    lost_reason          varchar(500),
    closed_at            timestamptz,
    stage_changed_at     timestamptz   not null,
    external_id          varchar(200),
    properties           jsonb         not null default '{}',
    version              bigint        not null,
    created_at           timestamptz   not null,
    updated_at           timestamptz   not null,
    archived_at          timestamptz,
    search               tsvector generated always as (
        to_tsvector('torre_search', coalesce(name, '') || ' ' || coalesce(source, '') || ' ' || coalesce(lost_reason, ''))
    ) stored,
    primary key (tenant_id, id),
    foreign key (tenant_id, pipeline_id, stage_id) references pipeline_stage (tenant_id, pipeline_id, id),
    foreign key (tenant_id, contact_id) references contact (tenant_id, id),
    foreign key (tenant_id, company_id) references company (tenant_id, id)
);
create unique index deal_external_id_uq on deal (tenant_id, external_id);
create index deal_updated_idx on deal (tenant_id, updated_at, id) where archived_at is null;
create index deal_stage_idx on deal (tenant_id, stage_id) where archived_at is null;
create index deal_close_idx on deal (tenant_id, pipeline_id, expected_close_date) where archived_at is null;
create index deal_primary_contact_idx on deal (tenant_id, contact_id, id) where archived_at is null;
create index deal_company_idx on deal (tenant_id, company_id, id) where archived_at is null;
create index deal_owner_idx on deal (tenant_id, owner_id, id) where archived_at is null;
create index deal_search_idx on deal using gin (search);

create table deal_contact (
    tenant_id    text         not null,
    id           uuid         not null,
    deal_id      uuid         not null,
    contact_id   uuid         not null,
    role         varchar(100),
    version      bigint       not null,
    created_at   timestamptz  not null,
    updated_at   timestamptz  not null,
    archived_at  timestamptz,
    primary key (tenant_id, id),
    unique (tenant_id, deal_id, contact_id),
    foreign key (tenant_id, deal_id) references deal (tenant_id, id),
    foreign key (tenant_id, contact_id) references contact (tenant_id, id)
);
create index deal_contact_contact_idx on deal_contact (tenant_id, contact_id);

create table deal_stage_change (
    tenant_id      text         not null,
    id             uuid         not null,
    deal_id        uuid         not null,
    from_stage_id  uuid,
    to_stage_id    uuid         not null,
    changed_at     timestamptz  not null,
    changed_by     text,
    version        bigint       not null,
    created_at     timestamptz  not null,
    updated_at     timestamptz  not null,
    archived_at    timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id, deal_id) references deal (tenant_id, id),
    foreign key (tenant_id, from_stage_id) references pipeline_stage (tenant_id, id),
    foreign key (tenant_id, to_stage_id) references pipeline_stage (tenant_id, id)
);
create index deal_stage_change_deal_idx on deal_stage_change (tenant_id, deal_id, changed_at, id);

alter table interaction add foreign key (tenant_id, deal_id) references deal (tenant_id, id);

call torre_tenant_wall('pipeline');

call torre_tenant_wall('pipeline_stage');

call torre_tenant_wall('deal');

call torre_tenant_wall('deal_contact');

call torre_tenant_wall('deal_stage_change');
