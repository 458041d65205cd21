package dev.torre.scoring;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import dev.torre.platform.tenancy.TenantContext;
import dev.torre.testing.Api;

/**
 * Puts data in place for scoring tests: single interactions through the API, and the learning tests' thousands of
 * contacts with a past in SQL, which alone makes them in reasonable time.
 */
final class ScoringData {

    private final DataSource dataSource;

    ScoringData(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One interaction of the contact, recorded through the API (which writes its event). */
    UUID interaction(String tenant, String contactId, String type, String direction, String pageUrl, Instant at) {
        Map<String, Object> body = new HashMap<>(Map.of("type", type, "direction", direction, "occurredAt", at.toString(),
                "contactId", contactId));
        if (pageUrl != null) {
            body.put("pageUrl", pageUrl);
        }
        return UUID.fromString(Api.admin(tenant).body(body).when().post("/v1/interactions").then().statusCode(201)
                .extract().path("id"));
    }

    /**
     * A tenant's history in one statement: {@code n} contacts that became leads between 400 and 100 days ago, with
     * a source (30 % referral), an address (30 % gmail.com), 0-3 visits to /pricing and 0-3 to /blog in their first
     * days, and a conversion to customer 10-60 days after becoming a lead (the stage change and its event) with
     * probability sigmoid(-1.5 + 2·referral + 1.2·pricing visits - 1.8·gmail) — or, with {@code planted} false,
     * 15 % regardless of anything. Deterministic for a seed.
     */
    void synthetic(String tenant, int n, double seed, boolean planted) {
        TenantContext.callAs(tenant, () -> {
            try (Connection c = dataSource.getConnection()) {
                try (PreparedStatement ps = c.prepareStatement("select setseed(?)")) {
                    ps.setDouble(1, seed);
                    ps.execute();
                }
                try (PreparedStatement ps = c.prepareStatement(SYNTHETIC)) {
                    ps.setString(1, tenant);
                    ps.setInt(2, n);
                    ps.setInt(3, n);
                    ps.setBoolean(4, planted);
                    ps.execute();
                }
                // what autovacuum does shortly after a bulk load in production; without statistics the planner
                // takes the fresh tables for empty and picks nested loops over thousands of rows
                try (PreparedStatement ps = c.prepareStatement("analyze contact, interaction, event_log")) {
                    ps.execute();
                }
                return null;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static final String SYNTHETIC = """
            with base as materialized (
              select g, tenant, gen_random_uuid() as id,
                     now() - interval '400 days' + g * (interval '300 days' / n) as lead_at,
                     case when r1 < 0.3 then 'referral' when r1 < 0.65 then 'ads' else 'organic' end as source,
                     r2 < 0.3 as gmail, floor(r3 * 4)::int as pricing, floor(r4 * 4)::int as blog,
                     r5 as u, 10 + floor(r6 * 50)::int as convert_days
              from (select g, cast(? as text) as tenant, cast(? as int) as n, random() as r1, random() as r2,
                           random() as r3, random() as r4, random() as r5, random() as r6
                    from generate_series(1, cast(? as int)) g) raw
            ),
            labelled as materialized (
              select b.*, case when ? then b.u < 1 / (1 + exp(-(-1.5 + 2 * (b.source = 'referral')::int
                                 + 1.2 * b.pricing - 1.8 * b.gmail::int)))
                               else b.u < 0.15 end as converts
              from base b
            ),
            contacts as (
              insert into contact (tenant_id, id, email, utm_source, lifecycle_stage, version, created_at, updated_at)
              select tenant, id, 'c' || g || case when gmail then '@gmail.com' else '@firm' || g || '.com' end, source,
                     case when converts then 'customer' else 'lead' end, 0, lead_at, lead_at
              from labelled
            ),
            visits as (
              insert into interaction (tenant_id, id, type, direction, occurred_at, page_url, contact_id, version, created_at, updated_at)
              select l.tenant, gen_random_uuid(), 'web_visit', 'inbound', l.lead_at + v * interval '1 day',
                     case when v <= l.pricing then 'https://shop.example/pricing' else 'https://shop.example/blog/post' end,
                     l.id, 0, now(), now()
              from labelled l cross join generate_series(1, l.pricing + l.blog) v
            )
            insert into event_log (tenant_id, seq, type, entity_type, entity_id, occurred_at, payload)
            select tenant, nextval('event_log_seq'), 'contact.updated', 'contact', id, lead_at + convert_days * interval '1 day',
                   '{"changes":{"lifecycleStage":{"before":"lead","after":"customer"}}}'
            from labelled where converts
            """;

    /**
     * A tenant of {@code n} customers since 600-660 days ago, 30 % from partners and 40 % with a gmail.com address,
     * whose inbound activity is planted: in each 90-day period (counted back from now) a customer writes in once with
     * probability sigmoid(1 + 2.5·partner - 2.5·gmail), else not at all. The churn model's snapshots, 90 days apart,
     * label exactly those quiet periods. Deterministic for a seed.
     */
    void customers(String tenant, int n, double seed) {
        run(tenant, "select setseed(?)", seed);
        run(tenant, """
                with base as materialized (
                  select g, cast(? as text) as tenant, gen_random_uuid() as id,
                         now() - interval '600 days' - r1 * interval '60 days' as since,
                         r2 < 0.3 as partner, r3 < 0.4 as gmail
                  from (select g, random() as r1, random() as r2, random() as r3
                        from generate_series(1, cast(? as int)) g) raw
                ),
                contacts as (
                  insert into contact (tenant_id, id, email, utm_source, lifecycle_stage, version, created_at, updated_at)
                  select tenant, id, 'k' || g || case when gmail then '@gmail.com' else '@firm' || g || '.com' end,
                         case when partner then 'partner' else 'ads' end, 'customer', 0, since, since
                  from base
                ),
                -- one draw per customer and period, in the select list so that it is drawn for every row
                periods as materialized (
                  select b.*, now() - (p + random()) * interval '90 days' as at, random() as u
                  from base b cross join generate_series(0, 6) p
                )
                insert into interaction (tenant_id, id, type, direction, occurred_at, contact_id, version, created_at, updated_at)
                select tenant, gen_random_uuid(), 'email', 'inbound', at, id, 0, at, at
                from periods
                where at > since and u < 1 / (1 + exp(-(1 + 2.5 * partner::int - 2.5 * gmail::int)))
                """, tenant, n);
        run(tenant, "analyze contact, interaction");
    }

    private static final String BACKLOG = """
            with base as materialized (
              select g, cast(? as text) as tenant, gen_random_uuid() as id, random() as r1, random() as r2, random() as r3
              from generate_series(1, cast(? as int)) g
            ),
            contacts as (
              insert into contact (tenant_id, id, email, utm_source, lifecycle_stage, version, created_at, updated_at)
              select tenant, id, 'b' || g || case when r1 < 0.3 then '@gmail.com' else '@firm' || g || '.com' end,
                     case when r2 < 0.3 then 'referral' else 'ads' end,
                     case when r3 < 0.1 then 'mql' when r3 < 0.3 then 'customer' else 'lead' end, 0, now(), now()
              from base
            ),
            touches as (
              insert into interaction (tenant_id, id, type, direction, occurred_at, page_url, contact_id, version, created_at, updated_at)
              select b.tenant, gen_random_uuid(), t.type, t.direction, now() - (b.r2 * 10) * interval '1 day', t.page,
                     b.id, 0, now(), now()
              from base b
              cross join lateral (values ('web_visit', 'inbound', 'https://shop.example/pricing', b.r1 > 0.6),
                                         ('meeting', 'outbound', null, b.r2 < 0.15),
                                         ('email', 'inbound', null, b.r3 > 0.7)) as t(type, direction, page, present)
              where t.present
            )
            insert into event_log (tenant_id, seq, type, entity_type, entity_id, occurred_at, payload)
            select tenant, nextval('event_log_seq'), 'contact.created', 'contact', id, now(), '{}'
            from base order by g
            """;

    /**
     * An import's backlog in SQL: {@code n} new contacts (30 % gmail.com, 10 % MQL, 20 % customers), some with a
     * pricing visit, a meeting or a reply in the last ten days, each with its {@code contact.created} event.
     */
    void backlog(String tenant, int n) {
        run(tenant, BACKLOG, tenant, n);
        run(tenant, "analyze contact, interaction, event_log");
    }

    /** Runs one statement as the tenant (row-level security applies as for the server). */
    void run(String tenant, String sql, Object... params) {
        TenantContext.callAs(tenant, () -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                ps.execute();
                return ps.getUpdateCount();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
