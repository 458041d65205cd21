package dev.torre.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import dev.torre.platform.persistence.Sql;
import dev.torre.platform.query.FilterCompiler;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.time.ServerClock;

/**
 * The records for which a {@code record_changed} trigger's condition held when last evaluated ({@code workflow_match}).
 * The trigger fires for a record that enters this set, never again while it stays in it, and again only after it has
 * left. Each change is computed by one statement from the table itself, so evaluating the same batch twice fires nothing twice.
 */
@ApplicationScoped
class Matches {

    @Inject
    ServerClock clock;

    @Inject
    EntityManager em;

    @Inject
    RecordTypes types;

    /**
     * Sets the baseline when a trigger is defined: the records matching now are recorded without firing (the workflow
     * acts on what changes from now on). It takes no lock the worker holds (a definition write never waits for a pass):
     * instead it marks the trigger for catching up, which the worker's next pass does under its own cursor
     * ({@link TriggerPass#catchUp}), so what a pass running alongside read without seeing the workflow still counts.
     */
    void baseline(Workflow w) {
        String tenant = TenantContext.current();
        Sql.update(em, SqlFragment.of("delete from workflow_match where tenant_id = ? and workflow_id = ?", tenant, w.id));
        Sql.update(em, SqlFragment.of("update workflow set trigger_generation = trigger_generation + 1 where tenant_id = ? and id = ?",
                tenant, w.id));
        if ("record_changed".equals(w.trigger.path("type").asText())) {
            sync(w, null);
        }
    }

    /**
     * Brings the workflow's matches in line with its condition among these records (null: all of its type); answers the
     * records that entered (the condition became true for them).
     */
    List<UUID> sync(Workflow w, UUID[] only) {
        String typeName = w.trigger.path("objectType").asText();
        RecordTypes.Type type = RecordTypes.type(typeName);
        String tenant = TenantContext.current();
        SqlFragment condition = FilterCompiler.compile(w.trigger.path("condition").asText(), types.fields(typeName), clock.now());
        List<Object> params = new ArrayList<>();
        params.add(tenant);
        if (only != null) {
            params.add(only);
        }
        params.addAll(condition.params());
        params.add(tenant);
        params.add(w.id);
        if (only != null) {
            params.add(only);
        }
        params.add(tenant);
        params.add(w.id);
        params.add(clock.now());
        String sql = """
                with matching as (
                    select c.id from %1$s c
                    where c.tenant_id = ? and c.archived_at is null %2$s and (%3$s)
                ), removed as (
                    delete from workflow_match m
                    where m.tenant_id = ? and m.workflow_id = ? %4$s
                      and not exists (select 1 from matching x where x.id = m.record_id)
                    returning m.record_id
                ), added as (
                    insert into workflow_match (tenant_id, workflow_id, record_id, since)
                    select ?, ?, x.id, ? from matching x
                    on conflict do nothing
                    returning record_id
                )
                select record_id from added
                """.formatted(type.table(), only == null ? "" : "and c.id = any(?)", condition.sql(),
                only == null ? "" : "and m.record_id = any(?)");
        return Sql.query(em, new SqlFragment(sql, params), r -> Sql.uuid(r, 1));
    }
}
