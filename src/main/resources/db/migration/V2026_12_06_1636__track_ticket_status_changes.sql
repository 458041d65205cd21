-- When a ticket's status last changed: caller-supplied times that decide its SLA (a backdated
-- resolvedAt, a late-recorded first response) may not reach back before it.
alter table ticket add column status_changed_at timestamptz;
update ticket set status_changed_at = greatest(opened_at, resolved_at, closed_at);
alter table ticket alter column status_changed_at set not null;
