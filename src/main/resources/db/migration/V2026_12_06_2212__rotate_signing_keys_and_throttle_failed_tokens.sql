-- Signing-key rotation: a key superseded longer ago than every token it signed can live is deleted (its private half
-- with it), so signing_key rows may now be deleted, never changed.
create policy signing_key_drop on signing_key for delete using (true);

-- Failed client authentications at the token endpoint, per client id as sent (a SHA-256 of it, so unknown and
-- malformed ids are counted like real ones and the table holds no caller text). Not tenant data: the id may name no
-- tenant. Shared by every instance, so the throttle holds across them.
create table token_failure (
    client_key     varchar(64)  primary key,
    first_failed   timestamptz  not null,
    failures       integer      not null
);
alter table token_failure enable row level security;
alter table token_failure force row level security;
create policy token_failure_any on token_failure using (true) with check (true);
create index token_failure_first_idx on token_failure (first_failed);

