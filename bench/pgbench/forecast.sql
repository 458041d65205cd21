-- Baseline for the forecast phase: the statement AnalyticsService runs for
-- GET /v1/analytics/forecast?period=quarter (all pipelines, all owners), over the tenant's deals.
with per_owner as (
  select cast(date_trunc(cast('quarter' as text), cast(d.expected_close_date as timestamp)) as date) as period_start,
         d.owner_id, d.currency,
         sum(d.amount) filter (where s.kind = 'won') as committed,
         sum(d.amount * case s.kind when 'won' then 1 when 'lost' then 0 else coalesce(d.probability, s.probability) end)
           filter (where s.kind = 'open') as weighted,
         sum(d.amount) as best_case
  from deal d join pipeline_stage s on s.tenant_id = d.tenant_id and s.id = d.stage_id
  where d.tenant_id = :tenant and d.archived_at is null and d.expected_close_date is not null and d.amount is not null
    and s.kind <> 'lost'
  group by 1, 2, 3)
select period_start, owner_id, grouping(owner_id), currency, coalesce(sum(committed), 0),
       round(coalesce(sum(weighted), 0), 4), sum(best_case)
from per_owner group by grouping sets ((period_start, currency), (period_start, owner_id, currency))
order by period_start, grouping(owner_id) desc, owner_id nulls first, currency;
