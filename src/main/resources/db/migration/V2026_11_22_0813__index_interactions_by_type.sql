-- Behaviour rules count a contact's interactions of one type in a time window: without this index each rule
-- reads every interaction of the tenant.
create index interaction_type_time_idx on interaction (tenant_id, type, occurred_at);
