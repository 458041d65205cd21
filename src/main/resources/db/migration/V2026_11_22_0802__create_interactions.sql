-- The omnichannel timeline: every email, call, chat, message, meeting, note, web visit and
-- form submission, linked to any of contact, company, deal and ticket. The service
-- capability owns this table (and adds what it needs in its own migrations); scoring reads
-- it for behaviour. deal_id and ticket_id gain their foreign keys when those tables exist.

create table interaction (
    tenant_id            text         not null,
    id                   uuid         not null,
    type                 varchar(30)  not null,
    direction            varchar(10)  not null,
    occurred_at          timestamptz  not null,
    purpose              varchar(40),
    subject              varchar(500),
    body                 text,
    from_address         varchar(320),
    to_address           varchar(320),
    duration_seconds     integer,
    recording_url        varchar(2000),
    page_url             varchar(2000),
    sentiment            numeric(4, 3),
    contact_id           uuid,
    company_id           uuid,
    deal_id              uuid,
    ticket_id            uuid,
    external_message_id  varchar(500),
    properties           jsonb        not null default '{}',
    version              bigint       not null,
    created_at           timestamptz  not null,
    updated_at           timestamptz  not null,
    archived_at          timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id, contact_id) references contact (tenant_id, id),
    foreign key (tenant_id, company_id) references company (tenant_id, id),
    check (sentiment between -1 and 1)
);
create unique index interaction_external_message_uq on interaction (tenant_id, external_message_id);
create index interaction_contact_idx on interaction (tenant_id, contact_id, occurred_at desc, id desc);
create index interaction_company_idx on interaction (tenant_id, company_id, occurred_at desc, id desc);
create index interaction_deal_idx on interaction (tenant_id, deal_id, occurred_at desc, id desc) where deal_id is not null;
create index interaction_ticket_idx on interaction (tenant_id, ticket_id, occurred_at desc, id desc) where ticket_id is not null;

call torre_tenant_wall('interaction');
