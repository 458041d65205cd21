-- Products and the orders an e-commerce platform syncs in, with their lines, and the
-- purchase summary kept on each contact (lifetime value per currency, never converted).

create table product (
    tenant_id    text          not null,
    id           uuid          not null,
    sku          varchar(100)  not null,
    name         varchar(300)  collate "und-x-icu" not null,
    price        numeric(19, 4) not null check (price >= 0),
    currency     varchar(3)    not null,
    category     varchar(200),
    active       boolean       not null default true,
    external_id  varchar(200),
    version      bigint        not null,
    created_at   timestamptz   not null,
    updated_at   timestamptz   not null,
    archived_at  timestamptz,
    search       tsvector generated always as (
        to_tsvector('torre_search', coalesce(name, '') || ' ' || coalesce(sku, '') || ' ' || coalesce(category, ''))
    ) stored,
    primary key (tenant_id, id)
);
create unique index product_sku_uq on product (tenant_id, sku) where archived_at is null;
create unique index product_external_id_uq on product (tenant_id, external_id);
create index product_updated_idx on product (tenant_id, updated_at, id) where archived_at is null;
create index product_search_idx on product using gin (search);

create table sales_order (
    tenant_id     text          not null,
    id            uuid          not null,
    external_id   varchar(200),
    contact_id    uuid          not null,
    company_id    uuid,
    status        varchar(12)   not null check (status in ('pending', 'paid', 'fulfilled', 'cancelled', 'refunded')),
    currency      varchar(3)    not null,
    total_amount  numeric(19, 4) not null check (total_amount >= 0),
    placed_at     timestamptz   not null,
    source        varchar(200),
    version       bigint        not null,
    created_at    timestamptz   not null,
    updated_at    timestamptz   not null,
    archived_at   timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id, contact_id) references contact (tenant_id, id),
    foreign key (tenant_id, company_id) references company (tenant_id, id)
);
create unique index sales_order_external_id_uq on sales_order (tenant_id, external_id);
create index sales_order_updated_idx on sales_order (tenant_id, updated_at, id) where archived_at is null;
create index sales_order_contact_idx on sales_order (tenant_id, contact_id, placed_at desc, id) where archived_at is null;

create table order_line (
    tenant_id    text          not null,
    id           uuid          not null,
    order_id     uuid          not null,
    position     integer       not null,
    product_id   uuid          not null,
    sku          varchar(100)  not null,
    quantity     integer       not null check (quantity > 0),
    unit_price   numeric(19, 4) not null check (unit_price >= 0),
    discount     numeric(19, 4) not null default 0 check (discount >= 0),
    line_total   numeric(19, 4) not null check (line_total >= 0),
    version      bigint        not null,
    created_at   timestamptz   not null,
    updated_at   timestamptz   not null,
    archived_at  timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id, order_id) references sales_order (tenant_id, id),
    foreign key (tenant_id, product_id) references product (tenant_id, id)
);
create index order_line_order_idx on order_line (tenant_id, order_id, position);
create index order_line_product_idx on order_line (tenant_id, product_id);

alter table contact
    add column order_count     integer     not null default 0,
    add column first_order_at  timestamptz,
    add column last_order_at   timestamptz,
    add column lifetime_value  jsonb       not null default '{}';

call torre_tenant_wall('product');

call torre_tenant_wall('sales_order');

call torre_tenant_wall('order_line');
