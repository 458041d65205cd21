package dev.torre.workflow;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.cronutils.model.time.ExecutionTime;

import dev.torre.platform.persistence.Sql;
import dev.torre.platform.query.FieldDef;
import dev.torre.platform.query.FilterCompiler;
import dev.torre.platform.query.ListRequest;
import dev.torre.platform.query.Page;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.tenancy.Caller;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.time.ServerClock;
import dev.torre.segment.SegmentMemberView;
import dev.torre.segment.SegmentService;

/**
 * Time triggers. {@code schedule}: at each cron slot (UTC) the segment's members are enrolled, once per slot
 * (slots before the workflow existed never fire). {@code date}: a record is enrolled once its date field plus the
 * offset has come, once per value of that date, for dates that come due after the trigger was defined.
 */
@ApplicationScoped
class Calendar {

    @Inject
    ServerClock clock;

    @Inject
    EntityManager em;

    @Inject
    Enrolment enrolment;

    @Inject
    RecordTypes types;

    @Inject
    SegmentService segments;

    @Inject
    Caller caller;

    /** Enrols what is due for one workflow (in the caller's transaction); answers how many runs started. */
    int due(Workflow w, String tenant) {
        String type = w.trigger.path("type").asText();
        if ("schedule".equals(type)) {
            return schedule(w, tenant);
        }
        return "date".equals(type) ? dates(w) : 0;
    }

    private int schedule(Workflow w, String tenant) {
        Instant now = clock.now();
        Optional<ZonedDateTime> slot = ExecutionTime.forCron(Definitions.CRON.parse(w.trigger.path("cron").asText()))
                .lastExecution(now.atZone(ZoneOffset.UTC).plusNanos(1000));
        Instant last = Sql.query(em, SqlFragment.of("select last_scheduled_at from workflow where tenant_id = ? and id = ?",
                tenant, w.id), r -> r.getTimestamp(1) == null ? null : r.getTimestamp(1).toInstant()).getFirst();
        if (slot.isEmpty() || slot.get().toInstant().isBefore(w.updatedAt) || last != null && !slot.get().toInstant().isAfter(last)) {
            return 0;
        }
        Instant at = slot.get().toInstant();
        caller.actAs(tenant, "workflow:" + w.id, Set.copyOf(w.runRoles), w.runScopes == null ? null : Set.copyOf(w.runScopes));
        UUID segment = UUID.fromString(w.trigger.path("segmentId").asText());
        String objectType = segments.get(segment).objectType();
        int started = 0;
        String cursor = null;
        do {
            Page<SegmentMemberView> page = segments.members(segment, ListRequest.of(null, null, null, 200, cursor));
            started += enrolment.enrolAll(page.data().stream().map(m -> new Enrolment.Candidate(Enrolment.Target.of(w), objectType,
                    m.id(), "schedule:" + at + ":" + m.id(), at)).toList()).size();
            cursor = page.next();
        } while (cursor != null);
        Sql.update(em, SqlFragment.of("update workflow set last_scheduled_at = ? where tenant_id = ? and id = ?", at, tenant, w.id));
        return started;
    }

    private int dates(Workflow w) {
        String typeName = w.trigger.path("objectType").asText();
        RecordTypes.Type type = RecordTypes.type(typeName);
        FieldDef<?> field = types.fields(typeName).field(w.trigger.path("field").asText()).orElseThrow();
        Duration offset = Duration.ofDays(w.trigger.path("offsetDays").asLong());
        Instant now = clock.now();
        List<Object> params = new ArrayList<>(List.of(TenantContext.current(), now.minus(offset), w.updatedAt.minus(offset)));
        String extra = "";
        if (w.trigger.hasNonNull("condition")) {
            SqlFragment condition = FilterCompiler.compile(w.trigger.path("condition").asText(), types.fields(typeName), clock.now());
            extra += " and (" + condition.sql() + ")";
            params.addAll(condition.params());
        }
        if (w.trigger.hasNonNull("productCategory")) {
            extra += """
                     and exists (select 1 from order_line l join product p on p.tenant_id = l.tenant_id and p.id = l.product_id
                       where l.tenant_id = c.tenant_id and l.order_id = c.id and lower(p.category) = lower(?))""";
            params.add(w.trigger.path("productCategory").asText());
        }
        params.add(w.id);
        // without re-enrolment, a record enrolled once is not looked at again
        params.add(!w.reenrollment);
        List<Object[]> rows = Sql.query(em, new SqlFragment("select c.id, " + field.sql() + " from " + type.table() + " c"
                + " where c.tenant_id = ? and c.archived_at is null and " + field.sql() + " <= ? and " + field.sql() + " > ?" + extra
                + " and not exists (select 1 from workflow_run r where r.tenant_id = c.tenant_id and r.workflow_id = ?"
                + " and r.record_id = c.id and (? or r.trigger_key = 'date:' || c.id || ':' || to_char(" + field.sql()
                + " at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US'))) limit 1000", params),
                r -> new Object[] { Sql.uuid(r, 1), r.getTimestamp(2).toInstant() });
        List<Enrolment.Candidate> enrol = new ArrayList<>();
        for (Object[] row : rows) {
            String key = "date:" + row[0] + ":" + ((Instant) row[1]).atOffset(ZoneOffset.UTC).toLocalDateTime()
                    .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS"));
            enrol.add(new Enrolment.Candidate(Enrolment.Target.of(w), typeName, (UUID) row[0], key, ((Instant) row[1]).plus(offset)));
        }
        return enrolment.enrolAll(enrol).size();
    }
}
