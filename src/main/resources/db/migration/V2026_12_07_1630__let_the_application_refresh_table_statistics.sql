-- The planner's statistics go stale fastest where one tenant writes a lot at once: a new tenant's first import or
-- shop sync. Until autovacuum analyses the table (a minute later on a small table, after a tenth of it has changed on
-- a large one: never, for one tenant's first 100,000 rows among millions), the planner takes the tenant for a handful
-- of rows, finds every index that starts with tenant_id equally good, and looked contacts up by email through the
-- churn-risk index: each chunk of an import scanned all the tenant's rows (230 ms per 1,000 keys at 30,000 rows).
-- The application role may not ANALYZE the owner's tables, so the owner lends it this function, limited to the
-- tables written in bulk. It changes no data and shows none; a call that would wait for another ANALYZE or a VACUUM
-- of the table gives up at once and answers false.
create function refresh_statistics(target text) returns boolean
    language plpgsql security definer set search_path = public, pg_temp
as $$
begin
    if target not in ('contact', 'company', 'deal', 'product', 'sales_order', 'interaction') then
        raise exception 'refresh_statistics: % is not a table the application may analyze', target
            using errcode = '42501';
    end if;
    perform set_config('lock_timeout', '50ms', true);
    execute format('analyze %I', target);
    return true;
exception when lock_not_available then
    return false;
end
$$;
