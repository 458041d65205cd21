-- Idempotency keys are kept per actor: the same key from another actor is a key of its own and never replays
-- the first actor's answer. The scopes the first request was granted are kept with its answer, and a replay
-- needs them again. Answers stored before this change carry no actor and no scopes: they are dropped (TRUNCATE,
-- which row-level security does not filter), so none of them can be replayed without those checks.
truncate idempotency_key;
alter table idempotency_key add column actor text not null;
alter table idempotency_key add column scopes text[] not null;
alter table idempotency_key drop constraint idempotency_key_pkey;
alter table idempotency_key add primary key (tenant_id, actor, key);
