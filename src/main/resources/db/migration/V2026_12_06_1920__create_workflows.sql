-- Workflows: definitions with their versions, runs with every step's outcome, the trigger worker's position in
-- each tenant's event log, record_changed conditions' last truth per record, and what workflows sent (caps).

create table workflow (
    tenant_id           text          not null,
    id                  uuid          not null,
    name                varchar(200)  collate "und-x-icu" not null,
    enabled             boolean       not null,
    reenrollment        boolean       not null,
    trigger_def         jsonb         not null,
    steps               jsonb         not null,
    definition_version  integer       not null,
    -- who defined it last: runs act with these roles and scopes (a workflow can do no more than its author)
    run_actor           varchar(200),
    run_roles           text[]        not null,
    run_scopes          text[],
    -- the last cron slot a schedule trigger enrolled its segment's members for
    last_scheduled_at   timestamptz,
    version             bigint        not null,
    created_at          timestamptz   not null,
    updated_at          timestamptz   not null,
    archived_at         timestamptz,
    primary key (tenant_id, id)
);

-- Every trigger and steps a workflow has had; a run follows the version it was enrolled on to its end.
create table workflow_version (
    tenant_id    text         not null,
    workflow_id  uuid         not null,
    number       integer      not null,
    trigger_def  jsonb        not null,
    steps        jsonb        not null,
    created_at   timestamptz  not null,
    primary key (tenant_id, workflow_id, number),
    foreign key (tenant_id, workflow_id) references workflow (tenant_id, id)
);

-- One enrolment of one record. trigger_key names what enrolled it (an event id, a schedule slot, a date):
-- unique per workflow, so a replayed event never enrols twice.
create table workflow_run (
    tenant_id         text          not null,
    id                uuid          not null,
    workflow_id       uuid          not null,
    workflow_version  integer       not null,
    record_type       varchar(40)   not null,
    record_id         uuid          not null,
    trigger_key       varchar(200)  not null,
    status            varchar(20)   not null check (status in ('running', 'waiting', 'completed', 'exited', 'failed', 'cut_off')),
    position          varchar(500),
    wake_at           timestamptz,
    wait_event        varchar(100),
    wait_match        jsonb,
    step_count        integer       not null default 0,
    problem           text,
    started_at        timestamptz   not null,
    finished_at       timestamptz,
    updated_at        timestamptz   not null,
    primary key (tenant_id, id),
    unique (tenant_id, workflow_id, trigger_key),
    foreign key (tenant_id, workflow_id, workflow_version) references workflow_version (tenant_id, workflow_id, number)
);
create index workflow_run_list_idx on workflow_run (tenant_id, workflow_id, id);
create index workflow_run_due_idx on workflow_run (tenant_id, wake_at) where status = 'waiting';
create index workflow_run_event_wait_idx on workflow_run (tenant_id, record_id) where status = 'waiting' and wait_event is not null;
create index workflow_run_record_idx on workflow_run (tenant_id, record_id, started_at);

-- What each step did, in order.
create table workflow_step (
    tenant_id  text          not null,
    run_id     uuid          not null,
    n          integer       not null,
    pointer    varchar(500)  not null,
    type       varchar(40)   not null,
    outcome    varchar(20)   not null check (outcome in ('completed', 'skipped', 'failed', 'waiting')),
    reason     varchar(100),
    detail     jsonb,
    at         timestamptz   not null,
    until      timestamptz,
    primary key (tenant_id, run_id, n),
    foreign key (tenant_id, run_id) references workflow_run (tenant_id, id)
);

-- Records whose record_changed condition held when last evaluated: the trigger fires when a record enters.
create table workflow_match (
    tenant_id    text         not null,
    workflow_id  uuid         not null,
    record_id    uuid         not null,
    since        timestamptz  not null,
    primary key (tenant_id, workflow_id, record_id)
);

-- Messages workflows asked partners to send, for the frequency caps.
create table workflow_message (
    tenant_id    text         not null,
    id           uuid         not null,
    contact_id   uuid         not null,
    purpose      varchar(40)  not null,
    channel      varchar(20)  not null,
    run_id       uuid         not null,
    sent_at      timestamptz  not null,
    primary key (tenant_id, id)
);
create index workflow_message_contact_idx on workflow_message (tenant_id, contact_id, purpose, sent_at);

-- Round-robin assignment: the next assignee per workflow step.
create table workflow_rotation (
    tenant_id    text          not null,
    workflow_id  uuid          not null,
    pointer      varchar(500)  not null,
    turns        bigint        not null,
    primary key (tenant_id, workflow_id, pointer)
);

-- The trigger worker's position in each tenant's event log, created on the tenant's first pass.
create table workflow_cursor (
    tenant_id   text        not null,
    position    text,
    updated_at  timestamptz not null default now(),
    primary key (tenant_id)
);

call torre_tenant_wall('workflow');

call torre_tenant_wall('workflow_version');

call torre_tenant_wall('workflow_run');

call torre_tenant_wall('workflow_step');

call torre_tenant_wall('workflow_match');

call torre_tenant_wall('workflow_message');

call torre_tenant_wall('workflow_rotation');

call torre_tenant_wall('workflow_cursor');
