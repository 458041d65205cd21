-- Win predictions of open deals from the tenant's latest ready deal_win model, rewritten as a set each time the
-- model trains: the probability, the model version, and the largest logit parts as factors.
create table deal_score (
    tenant_id      text          not null,
    deal_id        uuid          not null,
    probability    float8        not null check (probability between 0 and 1),
    factors        jsonb         not null default '[]',
    model_version  integer       not null,
    computed_at    timestamptz   not null,
    primary key (tenant_id, deal_id),
    foreign key (tenant_id, deal_id) references deal (tenant_id, id)
);

call torre_tenant_wall('deal_score');
