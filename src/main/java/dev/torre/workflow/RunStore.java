package dev.torre.workflow;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.ids.Ids;
import dev.torre.platform.persistence.Sql;
import dev.torre.platform.query.Page;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.time.Clock;

/** The {@code workflow_run} and {@code workflow_step} tables, in plain SQL, inside the caller's transaction. */
@ApplicationScoped
class RunStore {

    private static final String COLUMNS = "r.id, r.workflow_id, r.workflow_version, r.record_type, r.record_id, r.trigger_key, r.status,"
            + " r.position, r.wake_at, r.wait_event, cast(r.wait_match as text), r.step_count, r.problem, r.started_at, r.finished_at";

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    /** A run as the runner works on it. */
    record Run(UUID id, UUID workflowId, int version, String recordType, UUID recordId, String triggerKey, String status,
            String position, Instant wakeAt, String waitEvent, JsonNode waitMatch, int stepCount, String problem,
            Instant startedAt, Instant finishedAt) {
    }

    /** Starts a run unless this trigger already enrolled the record in this workflow; empty on a replay. */
    Optional<UUID> insert(UUID workflowId, int version, String recordType, UUID recordId, String triggerKey, String status,
            String problem) {
        Instant now = Clock.now();
        Bind b = new Bind(TenantContext.current(), Ids.next(), workflowId, version, recordType, recordId, triggerKey, status);
        String sql = "insert into workflow_run (tenant_id, id, workflow_id, workflow_version, record_type, record_id, trigger_key, status,"
                + " position, wake_at, problem, started_at, finished_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, '/0', "
                + b.v("running".equals(status) ? now : null) + ", " + b.v(problem) + ", " + b.v(now) + ", "
                + b.v("cut_off".equals(status) ? now : null) + ", " + b.v(now) + ")"
                + " on conflict (tenant_id, workflow_id, trigger_key) do nothing returning id";
        return Sql.query(em, b.sql(sql), r -> Sql.uuid(r, 1)).stream().findFirst();
    }

    /** Whether the record was ever enrolled in the workflow (re-enrolment is a setting). */
    boolean everEnrolled(UUID workflowId, UUID recordId) {
        return !Sql.query(em, SqlFragment.of("select 1 from workflow_run where tenant_id = ? and workflow_id = ? and record_id = ?"
                + " and status <> 'cut_off' limit 1", TenantContext.current(), workflowId, recordId), r -> 1).isEmpty();
    }

    /** What enrolment needs to know about a record's earlier runs, read in one statement. */
    record Prior(boolean enrolledInWorkflow, long startedSince) {
    }

    /** Whether the record was ever enrolled in the workflow, and how many runs about it started since then across the tenant's workflows. */
    Prior prior(UUID workflowId, UUID recordId, Instant since) {
        return Sql.query(em, SqlFragment.of("select coalesce(bool_or(workflow_id = ?), false), count(*) filter (where started_at >= ?)"
                + " from workflow_run where tenant_id = ? and record_id = ? and status <> 'cut_off'", workflowId, since,
                TenantContext.current(), recordId), r -> new Prior(r.getBoolean(1), r.getLong(2))).getFirst();
    }

    /** How many runs about this record started since then, across the tenant's workflows (the runaway guard). */
    long startedSince(UUID recordId, Instant since) {
        return Sql.query(em, SqlFragment.of("select count(*) from workflow_run where tenant_id = ? and record_id = ? and started_at >= ?"
                + " and status <> 'cut_off'", TenantContext.current(), recordId, since), r -> r.getLong(1)).getFirst();
    }

    /** Up to {@code limit} runs whose time to go on has come (new ones, and waits that are over), without holding them. */
    List<UUID> due(Instant now, int limit) {
        return Sql.query(em, SqlFragment.of("select r.id from workflow_run r where r.tenant_id = ? and r.status in ('running', 'waiting')"
                + " and r.wake_at <= ? order by r.wake_at, r.id limit " + limit, TenantContext.current(), now), r -> Sql.uuid(r, 1));
    }

    /** Holds a run whose time has come for this transaction; empty when another instance holds it or has moved it on. */
    Optional<Run> claim(UUID id, Instant now) {
        return Sql.query(em, SqlFragment.of("select " + COLUMNS + " from workflow_run r where r.tenant_id = ? and r.id = ?"
                + " and r.status in ('running', 'waiting') and r.wake_at <= ? for update skip locked", TenantContext.current(), id, now),
                this::run).stream().findFirst();
    }

    /** Which of these records have a run waiting for some event. */
    Set<UUID> waitingForAnEvent(UUID[] recordIds) {
        if (recordIds.length == 0) {
            return Set.of();
        }
        return Set.copyOf(Sql.query(em, SqlFragment.of("select distinct record_id from workflow_run where tenant_id = ? and record_id = any(?)"
                + " and status = 'waiting' and wait_event is not null", TenantContext.current(), recordIds), r -> Sql.uuid(r, 1)));
    }

    /** Runs about these records waiting for an event of this type. */
    List<Run> waitingFor(UUID[] recordIds, String eventType) {
        return Sql.query(em, SqlFragment.of("select " + COLUMNS + " from workflow_run r where r.tenant_id = ? and r.record_id = any(?)"
                + " and r.status = 'waiting' and (r.wait_event = ? or right(r.wait_event, 2) = '.*' and ? like left(r.wait_event, -1) || '%')",
                TenantContext.current(), recordIds, eventType, eventType), this::run);
    }

    /** Wakes a run waiting for an event now that it came, unless it has moved on meanwhile. */
    void eventArrived(UUID id, String eventId) {
        Sql.update(em, SqlFragment.of("update workflow_run set wake_at = ?, wait_event = null, wait_match = cast(? as jsonb), updated_at = ?"
                + " where tenant_id = ? and id = ? and status = 'waiting' and wait_event is not null", Clock.now(),
                "{\"eventId\":\"" + eventId + "\"}", Clock.now(), TenantContext.current(), id));
    }

    /** Writes where a run stands after a pass. */
    void save(UUID id, String status, String position, Instant wakeAt, String waitEvent, JsonNode waitMatch, String problem, int stepCount) {
        boolean finished = !"running".equals(status) && !"waiting".equals(status);
        Instant now = Clock.now();
        Bind b = new Bind(status);
        String sql = "update workflow_run set status = ?, position = " + b.v(position) + ", wake_at = " + b.v(wakeAt)
                + ", wait_event = " + b.v(waitEvent) + ", wait_match = cast(" + b.v(waitMatch == null ? null : waitMatch.toString())
                + " as jsonb), problem = " + b.v(problem) + ", step_count = " + b.v(stepCount) + ", finished_at = "
                + b.v(finished ? now : null) + ", updated_at = " + b.v(now) + " where tenant_id = " + b.v(TenantContext.current())
                + " and id = " + b.v(id);
        Sql.update(em, b.sql(sql));
    }

    void step(UUID runId, int n, StepView s) {
        Bind b = new Bind(TenantContext.current(), runId, n, s.pointer(), s.type(), s.outcome());
        String sql = "insert into workflow_step (tenant_id, run_id, n, pointer, type, outcome, reason, detail, at, until)"
                + " values (?, ?, ?, ?, ?, ?, " + b.v(s.reason()) + ", cast(" + b.v(json(s.detail())) + " as jsonb), " + b.v(s.at())
                + ", " + b.v(s.until()) + ")";
        Sql.update(em, b.sql(sql));
    }

    /** Replaces the outcome of a step that made the run wait, now that it has ended. */
    void replaceStep(UUID runId, StepView s) {
        Sql.update(em, SqlFragment.of("delete from workflow_step where tenant_id = ? and run_id = ? and n = ?",
                TenantContext.current(), runId, s.n()));
        step(runId, s.n(), s);
    }

    /** Parameters of a statement in which an absent value is written as SQL null (fragments bind no nulls). */
    private static final class Bind {
        private final List<Object> params;

        Bind(Object... first) {
            params = new ArrayList<>(List.of(first));
        }

        String v(Object value) {
            if (value == null) {
                return "null";
            }
            params.add(value);
            return "?";
        }

        SqlFragment sql(String text) {
            return new SqlFragment(text, params);
        }
    }

    Optional<RunView> get(UUID workflowId, UUID runId) {
        return Sql.query(em, SqlFragment.of("select " + COLUMNS + " from workflow_run r where r.tenant_id = ? and r.workflow_id = ?"
                + " and r.id = ?", TenantContext.current(), workflowId, runId), this::run).stream().findFirst()
                .map(r -> view(r, steps(r.id())));
    }

    List<StepView> steps(UUID runId) {
        return Sql.query(em, SqlFragment.of("select n, pointer, type, outcome, reason, cast(detail as text), at, until from workflow_step"
                + " where tenant_id = ? and run_id = ? order by n", TenantContext.current(), runId),
                r -> new StepView(r.getInt(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), map(r.getString(6)),
                        instant(r.getTimestamp(7)), instant(r.getTimestamp(8))));
    }

    /** One page of a workflow's runs, newest first (ids are time-ordered), without their steps. */
    Page<RunView> page(UUID workflowId, int limit, String cursor) {
        List<Object> params = new ArrayList<>(List.of(TenantContext.current(), workflowId));
        if (cursor != null) {
            params.add(openCursor(cursor));
        }
        List<Run> rows = Sql.query(em, new SqlFragment("select " + COLUMNS + " from workflow_run r where r.tenant_id = ?"
                + " and r.workflow_id = ?" + (cursor == null ? "" : " and r.id < ?") + " order by r.id desc limit " + (limit + 1),
                params), this::run);
        boolean more = rows.size() > limit;
        List<RunView> data = (more ? rows.subList(0, limit) : rows).stream().map(r -> view(r, List.of())).toList();
        List<String> cursors = data.stream().map(r -> cursorOf(r.id())).toList();
        return new Page<>(data, more ? cursors.getLast() : null, cursors);
    }

    static RunView view(Run r, List<StepView> steps) {
        String waitingFor = !"waiting".equals(r.status()) ? null : r.waitEvent() != null ? "event " + r.waitEvent() : "time";
        return new RunView(r.id(), r.workflowId(), r.version(), r.recordType(), r.recordId(), r.triggerKey(), r.status(),
                "waiting".equals(r.status()) ? r.wakeAt() : null, waitingFor, r.problem(), r.startedAt(), r.finishedAt(), steps);
    }

    private Run run(ResultSet r) throws SQLException {
        return new Run(Sql.uuid(r, 1), Sql.uuid(r, 2), r.getInt(3), r.getString(4), Sql.uuid(r, 5), r.getString(6), r.getString(7),
                r.getString(8), instant(r.getTimestamp(9)), r.getString(10), tree(r.getString(11)), r.getInt(12), r.getString(13),
                instant(r.getTimestamp(14)), instant(r.getTimestamp(15)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private JsonNode tree(String json) {
        try {
            return json == null ? null : mapper.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("A stored wait condition is not JSON", e);
        }
    }

    private Map<String, Object> map(String json) {
        try {
            return json == null ? null : mapper.readValue(json, new TypeReference<Map<String, Object>>() {
            });
        } catch (java.io.IOException e) {
            throw new IllegalStateException("A stored step detail is not JSON", e);
        }
    }

    private String json(Map<String, Object> detail) {
        try {
            return detail == null || detail.isEmpty() ? null : mapper.writeValueAsString(detail);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("A step detail is not JSON", e);
        }
    }

    private static final String CURSOR_PREFIX = "r1:";

    private static String cursorOf(UUID id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((CURSOR_PREFIX + id).getBytes(StandardCharsets.UTF_8));
    }

    private static UUID openCursor(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(CURSOR_PREFIX)) {
                return UUID.fromString(text.substring(CURSOR_PREFIX.length()));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal below
        }
        throw new TorreException(ErrorCode.INVALID_QUERY, "The cursor is not one this list gave out",
                List.of(new FieldError("cursor", "invalid_cursor", "Pass back the 'next' value of the previous page")));
    }
}
