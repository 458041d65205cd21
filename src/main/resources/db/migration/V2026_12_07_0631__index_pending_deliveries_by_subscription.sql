-- Claims are taken per subscription (each its own share, in position order), so that one subscription's backlog
-- never stands before another's deliveries: walking this index stops at each subscription's share.
create index webhook_delivery_pending_sub_idx on webhook_delivery (tenant_id, subscription_id, position) where status = 'pending';
-- the claim no longer reads a tenant's pending deliveries in one position order, and every delivery pays for each index twice
drop index webhook_delivery_pending_idx;
