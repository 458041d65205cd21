-- Tasks were built beside deals; now that both exist, a task's deal must be one of the tenant's deals.
alter table task add foreign key (tenant_id, deal_id) references deal (tenant_id, id);
