package dev.torre.transfer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import io.quarkus.narayana.jta.QuarkusTransaction;

import dev.torre.platform.access.AccessPolicies;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.event.EventLog;
import dev.torre.platform.ids.Ids;
import dev.torre.platform.persistence.RecordService;
import dev.torre.platform.persistence.Records;
import dev.torre.platform.persistence.Sql;
import dev.torre.platform.query.FilterCompiler;
import dev.torre.platform.query.ListRequest;
import dev.torre.platform.query.Lists;
import dev.torre.platform.query.Page;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.security.Permissions;
import dev.torre.platform.security.RequiresScope;
import dev.torre.platform.tenancy.Caller;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.time.ServerClock;

/**
 * The only writer of export jobs: queues them, and for whichever worker claims one, reads the selected records page
 * by page through the record kind's own list, as the requester (their hidden fields left out, their bulk reads
 * counted), writing each page of the file with the job's position in one transaction, so a restart resumes at the
 * next page.
 */
@ApplicationScoped
public class ExportService {

    @Inject
    ServerClock clock;

    private static final CsvMapper CSV = new CsvMapper();

    @Inject
    EntityManager em;

    @Inject
    JobRunner runner;

    @Inject
    ObjectMapper mapper;

    @Inject
    RecordKinds kinds;

    @Inject
    Permissions permissions;

    @Inject
    AccessPolicies access;

    @Inject
    Caller caller;

    @Inject
    EventLog events;

    @Inject
    Lists lists;

    @Inject
    TransferConfig config;

    @Transactional
    @RequiresScope("exports:write")
    public ExportJobView start(@Valid ExportInput in) {
        RecordService<?, ?, ?> service = kinds.of(in.objectType(), "objectType");
        String read = service.scopeFamily() + ":read";
        if (!permissions.allows(read)) {
            throw new TorreException(ErrorCode.FORBIDDEN, "Exporting " + in.objectType() + " records needs '" + read + "'");
        }
        String format = in.format() == null ? "csv" : in.format();
        if (!format.equals("csv") && !format.equals("ndjson")) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, "format", "invalid_value", "format must be csv or ndjson");
        }
        String filter = in.filter() == null || in.filter().isBlank() ? null : in.filter();
        if (filter != null) {
            FilterCompiler.compile(filter, service.recordType().fields(), clock.now());
        }
        List<String> fields = in.fields() == null ? List.of() : List.copyOf(in.fields());
        checkFields(service, fields);

        Export job = new Export();
        job.id = Ids.next();
        job.objectType = in.objectType();
        job.filter = filter;
        job.fields = new ArrayList<>(fields);
        job.format = format;
        job.status = "queued";
        job.actor = caller.actor();
        job.roles = new ArrayList<>(caller.roles());
        job.scopes = caller.scopes() == null ? null : new ArrayList<>(caller.scopes());
        em.persist(job);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("objectType", job.objectType);
        payload.put("format", format);
        payload.put("fields", fields);
        if (filter != null) {
            payload.put("filter", filter);
        }
        events.append("export", job.id, "queued", payload);
        em.flush();
        return ExportJobView.of(job);
    }

    @RequiresScope("exports:read")
    public ExportJobView get(UUID id) {
        return ExportJobView.of(find(id));
    }

    @RequiresScope("exports:read")
    public Page<ExportJobView> list(String filter, String limit, String cursor) {
        ListRequest request = ListRequest.of(filter, null, "-id", limit, cursor);
        return lists.page(Export.class, "export_job", ExportFields.JOBS, request, SqlFragment.EMPTY).map(ExportJobView::of);
    }

    /** A completed export's file: its media type and how many parts to stream, in order, with {@link #part}. */
    public record File(String mediaType, String name, int parts) {
    }

    /**
     * A file holds what its requester could read (their hidden fields left out, their rows counted as their bulk
     * reads), so it is theirs alone: anyone else, an admin too, finds no such export's file, and the requester's
     * token must still carry the records' read scope.
     */
    @RequiresScope("exports:read")
    public File file(UUID id) {
        Export job = ownFile(id);
        if (!"completed".equals(job.status)) {
            throw new TorreException(ErrorCode.CONFLICT, "The export is " + job.status + "; its file is ready once it is completed",
                    List.of(new FieldError("status", job.status, "Not completed")));
        }
        List<Integer> count = Sql.query(em, SqlFragment.of("select count(*) from export_part where tenant_id = ? and job_id = ?",
                TenantContext.current(), id), r -> r.getInt(1));
        String extension = job.format.equals("csv") ? "csv" : "ndjson";
        return new File(job.format.equals("csv") ? "text/csv; charset=UTF-8" : "application/x-ndjson",
                job.objectType + "-export-" + job.id + "." + extension, count.getFirst());
    }

    /** One part of an export's file, in the order written. */
    @RequiresScope("exports:read")
    public String part(UUID id, int seq) {
        ownFile(id);
        List<String> body = Sql.query(em, SqlFragment.of("select body from export_part where tenant_id = ? and job_id = ? and seq = ?",
                TenantContext.current(), id, seq), r -> r.getString(1));
        return body.isEmpty() ? "" : body.getFirst();
    }

    // --- the worker's side

    /** Takes the oldest queued export of the current tenant, or a running one whose worker stopped renewing its lease. */
    Optional<JobRunner.Claim> claim() {
        return runner.claim("export_job", config.lease());
    }

    /** Writes the next page of the file with the job's position, in one transaction; answers whether more may follow. */
    boolean runPage(UUID jobId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Export job = em.find(Export.class, jobId, LockModeType.PESSIMISTIC_WRITE);
            if (job == null || !job.status.equals("running")) {
                return false;
            }
            RecordService<?, ?, ?> service = kinds.of(job.objectType, "objectType");
            boolean first = job.exported == 0 && job.cursor == null;
            Page<?> page = service.list(ListRequest.of(job.filter, null, "id", String.valueOf(config.exportPage()), job.cursor));
            List<JsonNode> rows = new ArrayList<>(page.data().size());
            page.data().forEach(v -> rows.add(mapper.valueToTree(v)));
            String label = service.recordType().label();
            List<String> columns = job.fields.isEmpty() ? defaultFields(service, label) : job.fields;
            String body = job.format.equals("csv") ? csv(columns, rows, first) : ndjson(job.fields, rows);
            if (!body.isEmpty()) {
                Sql.update(em, SqlFragment.of("""
                        insert into export_part (tenant_id, job_id, seq, body)
                        select ?, ?, coalesce(max(seq) + 1, 0), ? from export_part where tenant_id = ? and job_id = ?
                        """, TenantContext.current(), jobId, body, TenantContext.current(), jobId));
            }
            job.exported += rows.size();
            job.bytes += body.getBytes(StandardCharsets.UTF_8).length;
            job.cursor = page.next();
            job.leaseUntil = clock.now().plus(config.lease());
            if (page.next() == null) {
                end(job, "completed", null);
                return false;
            }
            return true;
        });
    }

    void fail(UUID jobId, String detail) {
        QuarkusTransaction.requiringNew().run(() -> {
            Export job = em.find(Export.class, jobId, LockModeType.PESSIMISTIC_WRITE);
            if (job != null && !"completed".equals(job.status) && !"failed".equals(job.status)) {
                Sql.update(em, SqlFragment.of("delete from export_part where tenant_id = ? and job_id = ?", TenantContext.current(), jobId));
                end(job, "failed", detail);
            }
        });
    }

    private void end(Export job, String status, String detail) {
        job.status = status;
        job.detail = detail;
        job.finishedAt = clock.now();
        job.leaseUntil = null;
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("objectType", job.objectType);
        payload.put("exported", job.exported);
        if (detail != null) {
            payload.put("detail", detail);
        }
        events.append("export", job.id, status, payload);
    }

    private String csv(List<String> columns, List<JsonNode> rows, boolean header) {
        List<List<String>> lines = new ArrayList<>(rows.size() + 1);
        if (header) {
            lines.add(columns);
        }
        for (JsonNode row : rows) {
            List<String> cells = new ArrayList<>(columns.size());
            for (String column : columns) {
                cells.add(SpreadsheetCells.neutralise(cell(at(row, column))));
            }
            lines.add(cells);
        }
        if (lines.isEmpty()) {
            return "";
        }
        try {
            return CSV.writer(CsvSchema.emptySchema()).writeValueAsString(lines);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An export page could not be written as CSV", e);
        }
    }

    private String ndjson(List<String> fields, List<JsonNode> rows) {
        StringBuilder out = new StringBuilder();
        for (JsonNode row : rows) {
            JsonNode line = row;
            if (!fields.isEmpty()) {
                ObjectNode picked = mapper.createObjectNode();
                for (String field : fields) {
                    JsonNode value = at(row, field);
                    if (!value.isMissingNode()) {
                        String[] path = field.split("\\.");
                        ObjectNode parent = picked;
                        for (int i = 0; i < path.length - 1; i++) {
                            parent = parent.has(path[i]) ? (ObjectNode) parent.get(path[i]) : parent.putObject(path[i]);
                        }
                        parent.set(path[path.length - 1], value);
                    }
                }
                line = picked;
            }
            out.append(line.toString()).append('\n');
        }
        return out.toString();
    }

    private static JsonNode at(JsonNode row, String dotted) {
        JsonNode node = row;
        for (String part : dotted.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }

    /** A value as one CSV cell: lists of plain values joined with ';' (as imports read them), objects as JSON. */
    private static String cell(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            boolean plain = true;
            for (JsonNode item : value) {
                plain &= item.isValueNode();
                parts.add(item.asText());
            }
            return plain ? String.join(";", parts) : value.toString();
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /** Every field of the kind's view the requester may see, in the view's order. */
    private List<String> defaultFields(RecordService<?, ?, ?> service, String label) {
        Set<String> hidden = access.hiddenFields(label);
        return viewFields(service).stream().filter(f -> !hidden.contains(f)).toList();
    }

    private List<String> viewFields(RecordService<?, ?, ?> service) {
        JavaType[] types = mapper.getTypeFactory().findTypeParameters(service.getClass(), RecordService.class);
        BeanDescription view = mapper.getSerializationConfig().introspect(types[2]);
        List<String> names = new ArrayList<>();
        for (BeanPropertyDefinition p : view.findProperties()) {
            names.add(p.getName());
        }
        return names;
    }

    /** Refuses a field the view does not have or the requester may not see, naming each. */
    private void checkFields(RecordService<?, ?, ?> service, List<String> fields) {
        List<String> known = viewFields(service);
        Set<String> hidden = access.hiddenFields(service.recordType().label());
        List<FieldError> problems = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            String field = fields.get(i);
            String first = field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
            if (!known.contains(first)) {
                problems.add(new FieldError("fields[" + i + "]", "unknown_field", "No field '" + field + "'"));
            } else if (hidden.contains(first) || hidden.contains(field)) {
                problems.add(new FieldError("fields[" + i + "]", "hidden_field", "The field '" + field + "' is hidden from your role"));
            }
        }
        if (!problems.isEmpty()) {
            throw new TorreException(ErrorCode.VALIDATION, "Some fields cannot be exported", problems);
        }
    }

    private Export find(UUID id) {
        return Records.find(em, Export.class, id, "Export");
    }

    private Export ownFile(UUID id) {
        Export job = find(id);
        if (!java.util.Objects.equals(job.actor, caller.actor())) {
            throw TorreException.notFound("Export " + id);
        }
        String read = kinds.of(job.objectType, "objectType").scopeFamily() + ":read";
        if (!permissions.allows(read)) {
            throw new TorreException(ErrorCode.FORBIDDEN, "Reading an export of " + job.objectType + " records needs '" + read + "'");
        }
        return job;
    }
}
