-- The feed's order no longer waits for every transaction in the cluster. Until now it showed only
-- events of transactions older than the oldest one still running anywhere, so one long transaction
-- of any tenant (a rescoring pass, an import) held back every tenant's feed. Now a reader first
-- publishes its tenant's committed, unpublished events as the next batch (one number from a
-- sequence, taken under a per-tenant lock in a short transaction of its own), and the feed is
-- ordered by batch, then transaction, then sequence. An event of a transaction still running is
-- invisible to the publisher, so it joins a later batch when it commits: a cursor never skips it,
-- and only that tenant's own late events wait for it.
create sequence event_feed_batch_seq;
alter table event_log add column feed_batch bigint;
drop index event_log_feed_idx;
create index event_log_feed_idx on event_log (tenant_id, feed_batch, tx_id, seq) where feed_batch is not null;
create index event_log_unpublished_idx on event_log (tenant_id) where feed_batch is null;
