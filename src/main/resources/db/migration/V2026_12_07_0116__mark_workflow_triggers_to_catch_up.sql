-- A workflow whose trigger was (re)defined is caught up by the worker's next pass, under the cursor the worker
-- already holds, instead of the definition write waiting for that cursor (issue 16: creates answered 503 under load).
-- Definitions bump the generation on their own row; the worker records what it caught up in a table of its own, so
-- neither ever waits for a row the other holds.
alter table workflow add column trigger_generation bigint not null default 0;

create table workflow_trigger_seen (
    tenant_id   text   not null,
    workflow_id uuid   not null,
    generation  bigint not null,
    primary key (tenant_id, workflow_id)
);

call torre_tenant_wall('workflow_trigger_seen');
