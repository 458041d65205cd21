-- The claim takes the earliest due deliveries in position order. With only an index on the due time it sorted every
-- pending delivery of the tenant per claim (1.1 s a claim at 150,000 pending); walking this index stops at the batch.
create index webhook_delivery_pending_idx on webhook_delivery (tenant_id, position) where status = 'pending';
-- nothing else reads pending deliveries by due time, and every delivery pays for each index twice (queued, then done)
drop index webhook_delivery_due_idx;
