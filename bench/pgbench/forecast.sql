-- Baseline for the forecast phase: the statement AnalyticsService runs for
-- GET /v1/analytics/forecast?period=quarter (all pipelines, all owners), over the tenant's deals.
select period_start, owner_id, grouping(owner_id), currency,
       coalesce(sum(amount) filter (where kind = 'won'), 0),
       round(coalesce(sum(amount * p) filter (where kind = 'open'), 0), 4),
       sum(amount)
from (
  select cast(date_trunc('quarter', cast(d.expected_close_date as timestamp)) as date) as period_start,
         d.owner_id, d.currency, d.amount, s.kind,
         case s.kind when 'won' then 1 when 'lost' then 0 else coalesce(d.probability, s.probability) end as p
  from deal d join pipeline_stage s on s.tenant_id = d.tenant_id and s.id = d.stage_id
  where d.tenant_id = :tenant and d.archived_at is null and d.expected_close_date is not null and d.amount is not null
    and s.kind <> 'lost') scoped
group by grouping sets ((period_start, currency), (period_start, owner_id, currency))
order by period_start, grouping(owner_id) desc, owner_id nulls first, currency;
