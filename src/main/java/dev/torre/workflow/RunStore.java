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
import dev.torre.platform.time.ServerClock;

/** The {@code workflow_run} and {@code workflow_step} tables, in plain SQL, inside the caller's transaction. */
@ApplicationScoped
class RunStore {

    @Inject
    ServerClock clock;

    private static final String COLUMNS = "r.id, r.workflow_id, r.workflow_version, r.record_type, r.record_id, r.trigger_key, r.status,"
            + " r.position, r.wake_at, r.wait_event, cast(r.wait_match as text), r.step_count, r.problem, r.started_at, r.finished_at,"
            + " coalesce(r.triggered_at, r.started_at)";

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    /** A run as the runner works on it. */
    record Run(UUID id, UUID workflowId, int version, String recordType, UUID recordId, String triggerKey, String status,
            String position, Instant wakeAt, String waitEvent, JsonNode waitMatch, int stepCount, String problem,
            Instant startedAt, Instant finishedAt, Instant triggeredAt) {
    }

    /** A run to start, and once started its id (null before). */
    record NewRun(UUID id, UUID workflowId, int version, String recordType, UUID recordId, String triggerKey, String status,
            String problem, Instant triggeredAt) {

        NewRun(UUID workflowId, int version, String recordType, UUID recordId, String triggerKey, String status, String problem,
                Instant triggeredAt) {
            this(null, workflowId, version, recordType, recordId, triggerKey, status, problem, triggeredAt);
        }
    }

    /**
     * Starts these runs in one statement, each unless its trigger already enrolled the record in its workflow (a
     * replay); answers the runs inserted, with their ids. A run cut off is kept finished; a running one is due now.
     */
    List<NewRun> insertAll(List<NewRun> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Instant now = clock.now();
        int n = rows.size();
        UUID[] ids = new UUID[n];
        UUID[] workflows = new UUID[n];
        String[] versions = new String[n];
        String[] types = new String[n];
        UUID[] records = new UUID[n];
        String[] keys = new String[n];
        String[] statuses = new String[n];
        String[] problems = new String[n];
        String[] triggered = new String[n];
        for (int i = 0; i < n; i++) {
            NewRun r = rows.get(i);
            ids[i] = Ids.next();
            workflows[i] = r.workflowId();
            versions[i] = Integer.toString(r.version());
            types[i] = r.recordType();
            records[i] = r.recordId();
            keys[i] = r.triggerKey();
            statuses[i] = r.status();
            problems[i] = r.problem();
            triggered[i] = (r.triggeredAt() == null ? now : r.triggeredAt()).toString();
        }
        String sql = """
                insert into workflow_run (tenant_id, id, workflow_id, workflow_version, record_type, record_id, trigger_key, status,
                                          position, wake_at, problem, started_at, finished_at, updated_at, triggered_at)
                select ?, x.id, x.workflow_id, x.version, x.record_type, x.record_id, x.trigger_key, x.status, '/0',
                       case when x.status = 'running' then cast(? as timestamptz) end, x.problem, cast(? as timestamptz),
                       case when x.status = 'cut_off' then cast(? as timestamptz) end, cast(? as timestamptz), x.triggered_at
                from unnest(cast(? as uuid[]), cast(? as uuid[]), cast(cast(? as text[]) as integer[]), cast(? as text[]), cast(? as uuid[]),
                            cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(cast(? as text[]) as timestamptz[])) with ordinality
                     as x(id, workflow_id, version, record_type, record_id, trigger_key, status, problem, triggered_at, n)
                order by x.n
                on conflict (tenant_id, workflow_id, trigger_key) do nothing
                returning id, workflow_id, workflow_version, record_type, record_id, trigger_key, status, problem, triggered_at
                """;
        return Sql.query(em, SqlFragment.of(sql, TenantContext.current(), now, now, now, now, ids, workflows, versions, types, records,
                keys, statuses, problems, triggered), r -> new NewRun(Sql.uuid(r, 1), Sql.uuid(r, 2), r.getInt(3), r.getString(4),
                        Sql.uuid(r, 5), r.getString(6), r.getString(7), r.getString(8), instant(r.getTimestamp(9))));
    }

    /** What enrolment needs to know about a record's earlier runs: in which of the given workflows, and how many started lately. */
    record Earlier(Set<UUID> workflows, long startedSince) {
    }

    /**
     * For each of these records with earlier runs (cut-off ones do not count): which of these workflows enrolled it,
     * and how many runs about it started since then across the tenant's workflows — one statement for a whole batch.
     */
    Map<UUID, Earlier> earlier(UUID[] records, UUID[] workflows, Instant since) {
        Map<UUID, Earlier> out = new java.util.HashMap<>();
        Sql.query(em, SqlFragment.of("""
                select record_id, array_remove(array_agg(distinct workflow_id) filter (where workflow_id = any(?)), null),
                       count(*) filter (where started_at >= ?)
                from workflow_run where tenant_id = ? and record_id = any(?) and status <> 'cut_off'
                group by record_id
                """, workflows, since, TenantContext.current(), records), r -> {
            java.sql.Array array = r.getArray(2);
            Set<UUID> in = new java.util.HashSet<>();
            if (array != null) {
                for (Object o : (Object[]) array.getArray()) {
                    in.add((UUID) o);
                }
            }
            out.put(Sql.uuid(r, 1), new Earlier(in, r.getLong(3)));
            return null;
        });
        return out;
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

    /** Holds those of these runs whose time has come and that no other instance holds, for this transaction, in due order. */
    List<Run> claimAll(List<UUID> ids, Instant now) {
        return Sql.query(em, SqlFragment.of("select " + COLUMNS + " from workflow_run r where r.tenant_id = ? and r.id = any(?)"
                + " and r.status in ('running', 'waiting') and r.wake_at <= ? order by r.wake_at, r.id for update skip locked",
                TenantContext.current(), ids.toArray(UUID[]::new), now), this::run);
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
                + " where tenant_id = ? and id = ? and status = 'waiting' and wait_event is not null", clock.now(),
                "{\"eventId\":\"" + eventId + "\"}", clock.now(), TenantContext.current(), id));
    }

    /** Writes where a run stands after a pass. */
    void save(UUID id, String status, String position, Instant wakeAt, String waitEvent, JsonNode waitMatch, String problem, int stepCount) {
        boolean finished = !"running".equals(status) && !"waiting".equals(status);
        Instant now = clock.now();
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

    /**
     * Writes a group's step outcomes: the old rows of the replaced ones deleted in one statement, then every outcome
     * inserted in one.
     */
    void writeSteps(List<RunWrites.Step> steps) {
        if (steps.isEmpty()) {
            return;
        }
        List<RunWrites.Step> replacing = steps.stream().filter(RunWrites.Step::replacing).toList();
        if (!replacing.isEmpty()) {
            Sql.update(em, SqlFragment.of("""
                    delete from workflow_step s using unnest(cast(? as uuid[]), cast(cast(? as text[]) as integer[])) as x(run_id, n)
                    where s.tenant_id = ? and s.run_id = x.run_id and s.n = x.n""",
                    replacing.stream().map(RunWrites.Step::runId).toArray(UUID[]::new),
                    replacing.stream().map(x -> Integer.toString(x.view().n())).toArray(String[]::new), TenantContext.current()));
        }
        int size = steps.size();
        UUID[] runIds = new UUID[size];
        String[] ns = new String[size];
        String[] pointers = new String[size];
        String[] types = new String[size];
        String[] outcomes = new String[size];
        String[] reasons = new String[size];
        String[] details = new String[size];
        String[] ats = new String[size];
        String[] untils = new String[size];
        for (int i = 0; i < size; i++) {
            StepView v = steps.get(i).view();
            runIds[i] = steps.get(i).runId();
            ns[i] = Integer.toString(v.n());
            pointers[i] = v.pointer();
            types[i] = v.type();
            outcomes[i] = v.outcome();
            reasons[i] = v.reason();
            details[i] = json(v.detail());
            ats[i] = v.at() == null ? null : v.at().toString();
            untils[i] = v.until() == null ? null : v.until().toString();
        }
        Sql.update(em, SqlFragment.of("""
                insert into workflow_step (tenant_id, run_id, n, pointer, type, outcome, reason, detail, at, until)
                select ?, x.run_id, x.n, x.pointer, x.type, x.outcome, x.reason, cast(x.detail as jsonb), x.at, x.until
                from unnest(cast(? as uuid[]), cast(cast(? as text[]) as integer[]), cast(? as text[]), cast(? as text[]),
                            cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(cast(? as text[]) as timestamptz[]),
                            cast(cast(? as text[]) as timestamptz[]))
                     as x(run_id, n, pointer, type, outcome, reason, detail, at, until)""",
                TenantContext.current(), runIds, ns, pointers, types, outcomes, reasons, details, ats, untils));
    }

    /** Writes where a group's runs stand after their steps, in one statement. */
    void saveAll(List<RunWrites.Save> saves) {
        if (saves.isEmpty()) {
            return;
        }
        int size = saves.size();
        Instant now = clock.now();
        UUID[] ids = new UUID[size];
        String[] statuses = new String[size];
        String[] positions = new String[size];
        String[] wakes = new String[size];
        String[] waitEvents = new String[size];
        String[] waitMatches = new String[size];
        String[] problems = new String[size];
        String[] counts = new String[size];
        String[] finished = new String[size];
        for (int i = 0; i < size; i++) {
            RunWrites.Save v = saves.get(i);
            ids[i] = v.id();
            statuses[i] = v.status();
            positions[i] = v.position();
            wakes[i] = v.wakeAt() == null ? null : v.wakeAt().toString();
            waitEvents[i] = v.waitEvent();
            waitMatches[i] = v.waitMatch() == null ? null : v.waitMatch().toString();
            problems[i] = v.problem();
            counts[i] = Integer.toString(v.stepCount());
            finished[i] = "running".equals(v.status()) || "waiting".equals(v.status()) ? null : now.toString();
        }
        Sql.update(em, SqlFragment.of("""
                update workflow_run r set status = x.status, position = x.position, wake_at = x.wake_at, wait_event = x.wait_event,
                    wait_match = cast(x.wait_match as jsonb), problem = x.problem, step_count = x.step_count, finished_at = x.finished_at,
                    updated_at = ?
                from unnest(cast(? as uuid[]), cast(? as text[]), cast(? as text[]), cast(cast(? as text[]) as timestamptz[]),
                            cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(cast(? as text[]) as integer[]),
                            cast(cast(? as text[]) as timestamptz[]))
                     as x(id, status, position, wake_at, wait_event, wait_match, problem, step_count, finished_at)
                where r.tenant_id = ? and r.id = x.id""",
                now, ids, statuses, positions, wakes, waitEvents, waitMatches, problems, counts, finished, TenantContext.current()));
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
                instant(r.getTimestamp(14)), instant(r.getTimestamp(15)), instant(r.getTimestamp(16)));
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
