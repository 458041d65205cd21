-- Companies (accounts) and contacts (people). Archived rows keep their data but leave
-- the unique constraints on email and domain, so the value can be used again.
-- Names sort linguistically (ICU root collation: "Álvarez" before "Zapata"), whatever the
-- database's default collation.

create table company (
    tenant_id    text         not null,
    id           uuid         not null,
    name         varchar(200) collate "und-x-icu" not null,
    domain       varchar(253),
    industry     varchar(100),
    size_band    varchar(20),
    tier         varchar(20),
    external_id  varchar(200),
    properties   jsonb        not null default '{}',
    version      bigint       not null,
    created_at   timestamptz  not null,
    updated_at   timestamptz  not null,
    archived_at  timestamptz,
    search       tsvector generated always as (
        to_tsvector('torre_search', coalesce(name, '') || ' ' || coalesce(domain, '') || ' ' || coalesce(industry, ''))
    ) stored,
    primary key (tenant_id, id)
);
create unique index company_domain_uq on company (tenant_id, domain) where archived_at is null;
create unique index company_external_id_uq on company (tenant_id, external_id);
create index company_updated_idx on company (tenant_id, updated_at, id) where archived_at is null;
create index company_name_idx on company (tenant_id, name, id) where archived_at is null;
create index company_search_idx on company using gin (search);

create table contact (
    tenant_id        text         not null,
    id               uuid         not null,
    first_name       varchar(100) collate "und-x-icu",
    last_name        varchar(100) collate "und-x-icu",
    email            varchar(254),
    phone            varchar(40),
    company_id       uuid,
    lifecycle_stage  varchar(20)  not null,
    owner_id         varchar(200),
    utm_source       varchar(200),
    utm_medium       varchar(200),
    utm_campaign     varchar(200),
    tags             text[]       not null default '{}',
    external_id      varchar(200),
    properties       jsonb        not null default '{}',
    version          bigint       not null,
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null,
    archived_at      timestamptz,
    search           tsvector generated always as (
        -- the email also as its parts and the phone also as its last nine digits, so that
        -- "maria", "acme.es" or "612 345" find them by word prefix
        to_tsvector('torre_search',
            coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' ||
            coalesce(email, '') || ' ' || translate(coalesce(email, ''), '@.+-_', '     ') || ' ' ||
            coalesce(regexp_replace(phone, '[^0-9]', '', 'g'), '') || ' ' ||
            coalesce(right(regexp_replace(phone, '[^0-9]', '', 'g'), 9), ''))
    ) stored,
    primary key (tenant_id, id),
    foreign key (tenant_id, company_id) references company (tenant_id, id)
);
create unique index contact_email_uq on contact (tenant_id, email) where archived_at is null;
create unique index contact_external_id_uq on contact (tenant_id, external_id);
create index contact_updated_idx on contact (tenant_id, updated_at, id) where archived_at is null;
create index contact_stage_updated_idx on contact (tenant_id, lifecycle_stage, updated_at, id) where archived_at is null;
create index contact_name_idx on contact (tenant_id, last_name, first_name, id) where archived_at is null;
create index contact_company_idx on contact (tenant_id, company_id, id) where archived_at is null;
create index contact_tags_idx on contact using gin (tags);
create index contact_search_idx on contact using gin (search);

call torre_tenant_wall('company');

call torre_tenant_wall('contact');
