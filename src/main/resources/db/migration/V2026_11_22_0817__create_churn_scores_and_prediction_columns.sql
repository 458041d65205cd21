-- Churn risk of customers from the tenant's latest ready churn model: the probability of no paid order
-- and no inbound interaction within the churn window, with the largest logit parts as factors. Kept
-- like deal_score: rewritten when the model trains, refreshed for the contacts events touch, and
-- re-predicted once a day in bounded batches because its recency features move with time.
create table churn_score (
    tenant_id      text          not null,
    contact_id     uuid          not null,
    probability    float8        not null check (probability between 0 and 1),
    factors        jsonb         not null default '[]',
    model_version  integer       not null,
    computed_at    timestamptz   not null,
    primary key (tenant_id, contact_id),
    foreign key (tenant_id, contact_id) references contact (tenant_id, id)
);
create index churn_score_computed_idx on churn_score (tenant_id, computed_at);
create index deal_score_computed_idx on deal_score (tenant_id, computed_at);

call torre_tenant_wall('churn_score');

-- The predictions copied onto their records (by the record's own service), so that lists filter
-- and sort by them with an index and their changes move the record's ETag.
alter table contact add column churn_risk numeric(5, 4);
create index contact_churn_risk_idx on contact (tenant_id, churn_risk, id) where archived_at is null;
alter table deal add column predicted_win_probability numeric(5, 4);
create index deal_predicted_win_idx on deal (tenant_id, predicted_win_probability, id) where archived_at is null;

update deal d set predicted_win_probability = round(s.probability::numeric, 4)
from deal_score s where s.tenant_id = d.tenant_id and s.deal_id = d.id;

alter table scoring_settings add column churn_window_days integer not null default 90
    check (churn_window_days between 7 and 730);
