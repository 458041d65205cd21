-- Service: business calendars, SLA policies, priority rules, tickets, tasks, NPS answers;
-- the interaction timeline links to tickets; contacts remember their last interaction.
-- Every table follows V002: tenant_id first, primary key (tenant_id, id), forced RLS.

alter table contact add column last_interaction_at timestamptz;
alter table contact add column last_inbound_at timestamptz;

create table business_calendar (
    tenant_id     text         not null,
    id            uuid         not null,
    name          varchar(200) not null,
    time_zone     varchar(64)  not null,
    weekly_hours  jsonb        not null,
    holidays      date[]       not null default '{}',
    version       bigint       not null,
    created_at    timestamptz  not null,
    updated_at    timestamptz  not null,
    archived_at   timestamptz,
    primary key (tenant_id, id)
);

create table sla_policy (
    tenant_id      text         not null,
    id             uuid         not null,
    name           varchar(200) not null,
    position       integer      not null,
    priorities     text[]       not null default '{}',
    company_tiers  text[]       not null default '{}',
    channels       text[]       not null default '{}',
    targets        jsonb        not null,
    calendar_id    uuid,
    version        bigint       not null,
    created_at     timestamptz  not null,
    updated_at     timestamptz  not null,
    archived_at    timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id, calendar_id) references business_calendar (tenant_id, id)
);
create index sla_policy_position_idx on sla_policy (tenant_id, position, id) where archived_at is null;

create table ticket_priority_rule (
    tenant_id     text         not null,
    id            uuid         not null,
    name          varchar(200),
    position      integer      not null,
    company_tier  varchar(20),
    channel       varchar(20),
    priority      varchar(10)  not null,
    version       bigint       not null,
    created_at    timestamptz  not null,
    updated_at    timestamptz  not null,
    archived_at   timestamptz,
    primary key (tenant_id, id)
);
create index ticket_priority_rule_position_idx on ticket_priority_rule (tenant_id, position, id) where archived_at is null;

create table ticket (
    tenant_id                 text          not null,
    id                        uuid          not null,
    subject                   varchar(500)  not null,
    description               text,
    status                    varchar(10)   not null,
    priority                  varchar(10)   not null,
    channel                   varchar(20),
    contact_id                uuid,
    company_id                uuid,
    assignee_id               varchar(200),
    tags                      text[]        not null default '{}',
    external_id               varchar(200),
    properties                jsonb         not null default '{}',
    opened_at                 timestamptz   not null,
    first_responded_at        timestamptz,
    outbound_count            integer       not null default 0,
    resolved_at               timestamptz,
    closed_at                 timestamptz,
    reopen_count              integer       not null default 0,
    last_activity_at          timestamptz   not null,
    -- the SLA the ticket got at creation, and its two clocks
    sla_policy_id             uuid,
    sla_calendar_id           uuid,
    first_response_minutes    integer,
    resolution_minutes        integer,
    first_response_due_at     timestamptz,
    first_response_warn_at    timestamptz,
    resolution_spent_seconds  bigint        not null default 0,
    resolution_running_since  timestamptz,
    resolution_due_at         timestamptz,
    resolution_warn_at        timestamptz,
    -- which SLA events were emitted (set in the transaction that emits them)
    first_response_warned     boolean       not null default false,
    first_response_breached   boolean       not null default false,
    resolution_warned         boolean       not null default false,
    resolution_breached       boolean       not null default false,
    stale_notified_at         timestamptz,
    csat_score                smallint,
    csat_comment              varchar(2000),
    csat_at                   timestamptz,
    version                   bigint        not null,
    created_at                timestamptz   not null,
    updated_at                timestamptz   not null,
    archived_at               timestamptz,
    search                    tsvector generated always as (
        to_tsvector('torre_search', coalesce(subject, '') || ' ' || coalesce(description, ''))
    ) stored,
    primary key (tenant_id, id),
    foreign key (tenant_id, contact_id) references contact (tenant_id, id),
    foreign key (tenant_id, company_id) references company (tenant_id, id),
    foreign key (tenant_id, sla_policy_id) references sla_policy (tenant_id, id),
    check (resolved_at is null or resolved_at >= opened_at),
    check (csat_score between 1 and 5)
);
create unique index ticket_external_id_uq on ticket (tenant_id, external_id);
create index ticket_updated_idx on ticket (tenant_id, updated_at, id) where archived_at is null;
create index ticket_contact_idx on ticket (tenant_id, contact_id, id) where archived_at is null;
create index ticket_company_idx on ticket (tenant_id, company_id, id) where archived_at is null;
create index ticket_opened_idx on ticket (tenant_id, opened_at);
create index ticket_search_idx on ticket using gin (search);
-- the SLA job only ever looks at unresolved tickets, across tenants and then per tenant
create index ticket_unresolved_idx on ticket (tenant_id, id) where archived_at is null and status not in ('resolved', 'closed');

create table task (
    tenant_id     text          not null,
    id            uuid          not null,
    title         varchar(500)  not null,
    description   text,
    due_at        timestamptz,
    assignee_id   varchar(200),
    status        varchar(10)   not null,
    priority      varchar(10)   not null,
    contact_id    uuid,
    company_id    uuid,
    deal_id       uuid,
    ticket_id     uuid,
    completed_at  timestamptz,
    external_id   varchar(200),
    version       bigint        not null,
    created_at    timestamptz   not null,
    updated_at    timestamptz   not null,
    archived_at   timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id, contact_id) references contact (tenant_id, id),
    foreign key (tenant_id, company_id) references company (tenant_id, id),
    foreign key (tenant_id, ticket_id) references ticket (tenant_id, id)
);
create unique index task_external_id_uq on task (tenant_id, external_id);
create index task_updated_idx on task (tenant_id, updated_at, id) where archived_at is null;
create index task_open_due_idx on task (tenant_id, due_at, id) where archived_at is null and status = 'open';
create index task_contact_idx on task (tenant_id, contact_id, id) where archived_at is null;

create table nps_response (
    tenant_id     text          not null,
    id            uuid          not null,
    contact_id    uuid          not null,
    score         smallint      not null,
    comment       varchar(2000),
    responded_at  timestamptz   not null,
    version       bigint        not null,
    created_at    timestamptz   not null,
    updated_at    timestamptz   not null,
    archived_at   timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id, contact_id) references contact (tenant_id, id),
    check (score between 0 and 10)
);
create index nps_response_time_idx on nps_response (tenant_id, responded_at);

alter table interaction add foreign key (tenant_id, ticket_id) references ticket (tenant_id, id);

call torre_tenant_wall('business_calendar');

call torre_tenant_wall('sla_policy');

call torre_tenant_wall('ticket_priority_rule');

call torre_tenant_wall('ticket');
call torre_tenant_wall('task');

call torre_tenant_wall('nps_response');
