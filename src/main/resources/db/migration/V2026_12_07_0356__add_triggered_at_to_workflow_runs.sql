-- When what enrolled a run happened (its event, schedule slot or date): the workflow's trigger-to-first-step lag is
-- measured from here. Older runs have none; readers fall back to started_at.
alter table workflow_run add column triggered_at timestamptz;
