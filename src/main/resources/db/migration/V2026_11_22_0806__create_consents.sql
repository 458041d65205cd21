-- The consent ledger: one row per decision a contact made (or that was recorded for them)
-- about one purpose on one channel. Rows are never changed or removed by the API; the
-- trigger below keeps the decision itself immutable even for the application's own role,
-- while erasure may still blank the personal proof (ip, user agent, wording).

create table consent (
    tenant_id              text          not null,
    id                     uuid          not null,
    contact_id             uuid          not null,
    purpose                varchar(30)   not null,
    channel                varchar(20)   not null,
    status                 varchar(20)   not null,
    lawful_basis           varchar(30)   not null,
    source                 varchar(20)   not null,
    proof_ip               varchar(45),
    proof_user_agent       varchar(1000),
    proof_form_url         varchar(2000),
    proof_wording          text,
    proof_wording_version  varchar(200),
    occurred_at            timestamptz   not null,
    expires_at             timestamptz,
    recorded_by            varchar(200),
    version                bigint        not null,
    created_at             timestamptz   not null,
    updated_at             timestamptz   not null,
    archived_at            timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id, contact_id) references contact (tenant_id, id),
    check (expires_at is null or expires_at > occurred_at)
);
-- Serves "the latest decision per purpose and channel" for one contact or many.
create index consent_latest_idx on consent (tenant_id, contact_id, purpose, channel, occurred_at desc, id desc);

create function consent_keep_decision() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        raise exception 'consent ledger entries cannot be deleted';
    end if;
    if (new.tenant_id, new.id, new.contact_id, new.purpose, new.channel, new.status, new.lawful_basis, new.source,
        new.occurred_at, new.expires_at)
       is distinct from
       (old.tenant_id, old.id, old.contact_id, old.purpose, old.channel, old.status, old.lawful_basis, old.source,
        old.occurred_at, old.expires_at) then
        raise exception 'consent decisions cannot be changed';
    end if;
    return new;
end;
$$;
create trigger consent_append_only before update or delete on consent
    for each row execute function consent_keep_decision();

-- What "no decision yet" means per purpose, per tenant; purposes without a row use Torre's defaults.
create table consent_policy (
    tenant_id               text         not null,
    id                      uuid         not null,
    purpose                 varchar(30)  not null,
    allowed_without_decision boolean     not null,
    basis                   varchar(30),
    version                 bigint       not null,
    created_at              timestamptz  not null,
    updated_at              timestamptz  not null,
    archived_at             timestamptz,
    primary key (tenant_id, id)
);
create unique index consent_policy_purpose_uq on consent_policy (tenant_id, purpose);

call torre_tenant_wall('consent');

call torre_tenant_wall('consent_policy');
