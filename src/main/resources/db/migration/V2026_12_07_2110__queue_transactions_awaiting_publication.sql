-- Which transactions' events wait to be published, kept in a queue of their own instead of found in the log.
--
-- Every feed read first asked "has this tenant unpublished events?" and then published them, both through
-- event_log's partial index on feed_batch is null. Whether the planner took that index depended on the
-- column's statistics, and those describe a moment: an ANALYZE (autovacuum's, during an import) that samples
-- the log while a backlog waits unpublished records most rows as null, and from then on both statements scan
-- the tenant's whole log instead (measured: 9 ms for the check at 24,000 events, 10 to 20 ms per call in a
-- benchmark run whose analyse fell in such a moment, several calls a second per worker; linear in the log).
--
-- Now a writing transaction's first event statement also adds (tenant, transaction) to event_feed_pending,
-- through the statement trigger that already registers the tenant. The check reads that queue, which holds
-- only what waits; the publisher deletes what it publishes from it and stamps exactly those transactions'
-- events, each found through a partial index on (tenant_id, tx_id). An entry is written, like its events, by
-- the transaction itself, so it becomes visible exactly when they do.
create table event_feed_pending (
    tenant_id  text not null,
    tx_id      xid8 not null,
    primary key (tenant_id, tx_id)
);
call torre_tenant_wall('event_feed_pending');

insert into event_feed_pending (tenant_id, tx_id)
select distinct tenant_id, tx_id from event_log where feed_batch is null;

drop index event_log_unpublished_idx;
create index event_log_unpublished_idx on event_log (tenant_id, tx_id) where feed_batch is null;

-- One statement trigger for both registrations: a second trigger would cost every event insert a second call.
create function event_log_registrations() returns trigger language plpgsql as $$
begin
    insert into tenant (tenant_id)
    select distinct tenant_id from new_events
    on conflict (tenant_id) do nothing;
    insert into event_feed_pending (tenant_id, tx_id)
    select distinct tenant_id, tx_id from new_events
    on conflict (tenant_id, tx_id) do nothing;
    return null;
end
$$;
drop trigger tenant_register on event_log;
drop function tenant_register();
create trigger event_log_registrations after insert on event_log
    referencing new table as new_events
    for each statement execute function event_log_registrations();
