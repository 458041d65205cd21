-- A workflow whose trigger was (re)defined is caught up by the worker's next pass, under the cursor the worker
-- already holds, instead of the definition write waiting for that cursor (issue 16: creates answered 503 under load).
alter table workflow add column trigger_catch_up boolean not null default false;
