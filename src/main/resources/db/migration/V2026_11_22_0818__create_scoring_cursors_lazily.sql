-- The scoring worker lists tenants from the tenant registry (V011) and creates its cursor row on a
-- tenant's first pass, so event_log inserts no longer pay for a second trigger.
drop trigger scoring_register_tenants on event_log;
drop function scoring_register_tenants();
