-- A full rescore (after a rule, settings or lead-model change, or POST /v1/scoring/recompute) is no longer one
-- statement inside the worker's pass: the worker walks the tenant's contacts in id order, a bounded batch per
-- transaction, and keeps here how far it got, so it resumes after a restart and leaves room for other tenants.
alter table scoring_cursor add column rescore_after uuid;
alter table scoring_cursor add column rescore_pending boolean not null default false;
alter table scoring_cursor add column rescore_requested_at timestamptz;
