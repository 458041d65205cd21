package dev.torre.transfer;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;

import dev.torre.platform.batch.BatchRequest;
import dev.torre.platform.batch.BatchResult;
import dev.torre.platform.batch.ItemResult;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.event.EventLog;
import dev.torre.platform.idempotency.Outcome;
import dev.torre.platform.ids.Ids;
import dev.torre.platform.persistence.RecordService;
import dev.torre.platform.persistence.Records;
import dev.torre.platform.persistence.Sql;
import dev.torre.platform.properties.PropertyDefinitions;
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
 * The only writer of import jobs: stores an upload as chunks of rows while it streams in, then, for whichever
 * worker claims the job, writes each chunk through the record kind's own batch upsert (so validation, events,
 * scores and segments react as to any write) in one transaction with the job's counters and errors, deleting the
 * chunk as it goes: a restart resumes at the first chunk left.
 */
@ApplicationScoped
public class ImportService {

    @Inject
    ServerClock clock;

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
    Caller caller;

    @Inject
    EventLog events;

    @Inject
    Lists lists;

    @Inject
    PropertyDefinitions definitions;

    @Inject
    TransferConfig config;

    @Inject
    ImportMappingService mappings;

    @Inject
    ImportUploads uploads;

    @Inject
    dev.torre.platform.idempotency.Idempotency idempotency;

    /** What to import and how; checked before a byte of the body is read. */
    public record Request(String objectType, String matchOn, String dryRun, String contentType, String mappingId, String uploadId) {
    }

    /**
     * Reads the upload into chunks and queues the job, all in one transaction: a broken upload leaves nothing behind.
     * With an Idempotency-Key, the same key with the same file and options answers the first job (202) instead of
     * queuing a second import; the key guards a digest of the file, so the file is read before the key is looked at,
     * and a replay's stored chunks are rolled back. A file sent as an upload is guarded by the upload's id instead
     * (the upload is gone once imported), and a replay then reads nothing.
     */
    @Transactional
    @TransactionConfiguration(timeout = 3600, timeoutFromConfigProperty = "torre.transfer.upload-timeout-seconds")
    @RequiresScope("imports:write")
    public Outcome start(Request request, InputStream body, String idempotencyKey) {
        RecordService<?, ?, ?> service = kinds.of(request.objectType(), "objectType");
        String write = service.scopeFamily() + ":write";
        if (!permissions.allows(write)) {
            throw new TorreException(ErrorCode.FORBIDDEN, "Importing " + request.objectType() + " records needs '" + write + "'");
        }
        String matchOn = request.matchOn();
        if (matchOn == null || (!matchOn.equals("id") && !service.uniqueKeys().containsKey(matchOn))) {
            List<String> keys = new ArrayList<>(List.of("id"));
            keys.addAll(service.uniqueKeys().keySet());
            throw new TorreException(ErrorCode.VALIDATION, "matchOn must be one of: " + String.join(", ", keys),
                    List.of(new FieldError("matchOn", matchOn == null ? "required" : "invalid_value", "One of " + String.join(", ", keys))));
        }
        boolean dryRun = flag(request.dryRun());
        String format = format(request.contentType());
        UUID mappingId = id(request.mappingId(), "mappingId");
        UUID uploadId = id(request.uploadId(), "uploadId");
        Map<String, String> mapping = mappingId == null ? Map.of() : mappings.columnsFor(mappingId, request.objectType());
        if (mappingId != null && !format.equals("csv")) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, "mappingId", "invalid_value", "A column mapping applies to CSV files");
        }
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("objectType", request.objectType());
        options.put("matchOn", matchOn);
        options.put("dryRun", dryRun);
        options.put("format", format);
        options.put("mappingId", String.valueOf(mappingId));
        if (uploadId != null) {
            options.put("uploadId", uploadId.toString());
            return idempotency.execute(idempotencyKey, "imports.create", options, () -> {
                requireEmpty(body);
                ImportJobView job = queue(service, request.objectType(), matchOn, dryRun, format, mapping, uploads.read(uploadId));
                uploads.discard(uploadId);
                return accepted(job);
            });
        }
        java.security.MessageDigest digest = sha256();
        ImportJobView job = queue(service, request.objectType(), matchOn, dryRun, format, mapping,
                new java.security.DigestInputStream(body, digest));
        options.put("sha256", java.util.HexFormat.of().formatHex(digest.digest()));
        Outcome outcome = idempotency.execute(idempotencyKey, "imports.create", options, () -> accepted(job));
        if (outcome.replayed()) {
            QuarkusTransaction.setRollbackOnly(); // the first request's job stands; this one's chunks go
        }
        return outcome;
    }

    private ImportJobView queue(RecordService<?, ?, ?> service, String objectType, String matchOn, boolean dryRun, String format,
            Map<String, String> mapping, InputStream body) {
        Import job = new Import();
        job.id = Ids.next();
        job.objectType = objectType;
        job.matchOn = matchOn;
        job.format = format;
        job.dryRun = dryRun;
        job.status = "queued";
        job.actor = caller.actor();
        job.roles = new ArrayList<>(caller.roles());
        job.scopes = caller.scopes() == null ? null : new ArrayList<>(caller.scopes());
        em.persist(job);
        em.flush();

        String tenant = TenantContext.current();
        int[] seq = { 0 };
        ImportUpload upload = new ImportUpload(mapper, config.chunkRows(), rows -> Sql.update(em, SqlFragment.of(
                "insert into import_chunk (tenant_id, job_id, seq, rows) values (?, ?, ?, ?)", tenant, job.id, seq[0]++, rows)));
        if (format.equals("csv")) {
            ImportItems items = items(service);
            job.totalRows = upload.csv(body, header -> {
                List<String> fields = header.stream().map(c -> mapping.getOrDefault(c, c)).toList();
                items.checkHeader(fields, matchOn);
                return fields;
            });
        } else {
            job.totalRows = upload.ndjson(body);
        }
        events.append("import", job.id, "queued", Map.of("objectType", job.objectType, "matchOn", matchOn, "format", format,
                "dryRun", dryRun, "rows", job.totalRows));
        return ImportJobView.of(job, clock.now());
    }

    private static Outcome accepted(ImportJobView job) {
        return new Outcome(202, "/v1/imports/" + job.id(), null, job, false);
    }

    private static void requireEmpty(InputStream body) {
        try {
            if (body != null && body.read() != -1) {
                throw TorreException.invalidField(ErrorCode.VALIDATION, "uploadId", "invalid_value",
                        "Send the file either as the body or as an upload named by uploadId, not both");
            }
        } catch (java.io.IOException e) {
            throw new TorreException(ErrorCode.MALFORMED_REQUEST, "The body could not be read");
        }
    }

    private static java.security.MessageDigest sha256() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static UUID id(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(text.trim());
        } catch (IllegalArgumentException e) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, field, "invalid_type", "'" + field + "' is not a UUID");
        }
    }

    @RequiresScope("imports:read")
    public ImportJobView get(UUID id) {
        return ImportJobView.of(find(id), clock.now());
    }

    /** The tenant's import jobs, newest first. */
    @RequiresScope("imports:read")
    public Page<ImportJobView> list(String filter, String limit, String cursor) {
        ListRequest request = ListRequest.of(filter, null, "-id", limit, cursor);
        Instant now = clock.now();
        return lists.page(Import.class, "import_job", ImportFields.JOBS, request, SqlFragment.EMPTY).map(j -> ImportJobView.of(j, now));
    }

    /** A job's refused lines, in the order of the file. */
    @RequiresScope("imports:read")
    public Page<ImportErrorView> errors(UUID id, String filter, String limit, String cursor) {
        find(id);
        ListRequest request = ListRequest.of(filter, null, "id", limit, cursor);
        return lists.page(ImportError.class, "import_error", ImportFields.ERRORS, request, SqlFragment.of("c.job_id = ?", id), false)
                .map(ImportErrorView::of);
    }

    /** Stops a queued or running job: rows already written stay written, the rest are dropped. */
    @Transactional
    @RequiresScope("imports:write")
    public ImportJobView cancel(UUID id) {
        Import job = find(id);
        if (job.finished()) {
            throw new TorreException(ErrorCode.INVALID_TRANSITION, "The import is already " + job.status,
                    List.of(new FieldError("status", job.status, "Only a queued or running import can be cancelled")));
        }
        em.lock(job, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        em.refresh(job);
        if (job.finished()) {
            throw new TorreException(ErrorCode.INVALID_TRANSITION, "The import is already " + job.status);
        }
        end(job, "cancelled", "Cancelled after " + job.processed + " of " + job.totalRows + " rows");
        return ImportJobView.of(job, clock.now());
    }

    // --- the worker's side

    /** Takes the oldest queued job of the current tenant, or a running one whose worker stopped renewing its lease. */
    Optional<JobRunner.Claim> claim() {
        return runner.claim("import_job", config.lease());
    }

    /**
     * Writes the job's next chunk, with its counters and errors, in one transaction; answers whether the job goes on.
     * A dry run writes the chunk in a transaction of its own that is rolled back, and keeps only what it learned.
     */
    boolean runChunk(UUID jobId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Import job = em.find(Import.class, jobId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            if (job == null || !job.status.equals("running")) {
                return false;
            }
            List<Object[]> chunk = Sql.query(em, SqlFragment.of(
                    "select seq, rows from import_chunk where tenant_id = ? and job_id = ? order by seq limit 1", TenantContext.current(), jobId),
                    r -> new Object[] { r.getInt(1), r.getString(2) });
            if (chunk.isEmpty()) {
                end(job, "completed", null);
                return false;
            }
            RecordService<?, ?, ?> service = kinds.of(job.objectType, "objectType");
            List<ImportItems.Row> rows = items(service).rows(parse((String) chunk.getFirst()[1]), job.format.equals("csv"));
            List<ImportItems.Row> ready = rows.stream().filter(r -> r.problems().isEmpty()).toList();
            BatchResult result = ready.isEmpty() ? BatchResult.of(List.of()) : job.dryRun
                    ? tryOut(service, job.matchOn, ready)
                    : upsert(service, job.matchOn, ready);
            record(job, rows, ready, result);
            Sql.update(em, SqlFragment.of("delete from import_chunk where tenant_id = ? and job_id = ? and seq = ?",
                    TenantContext.current(), jobId, chunk.getFirst()[0]));
            job.leaseUntil = clock.now().plus(config.lease());
            return true;
        });
    }

    /** Fails a job whose chunk could not be written at all (the chunk's own transaction rolled back). */
    void fail(UUID jobId, String detail) {
        QuarkusTransaction.requiringNew().run(() -> {
            Import job = em.find(Import.class, jobId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            if (job != null && !job.finished()) {
                end(job, "failed", detail);
            }
        });
    }

    /** Thrown to roll a dry run's writes back, carrying what they would have been. */
    private static final class DryRun extends RuntimeException {
        private final transient BatchResult result;

        DryRun(BatchResult result) {
            super(null, null, false, false);
            this.result = result;
        }
    }

    /** The batch upsert in a transaction of its own that is always rolled back: exactly what it would do, nothing kept. */
    private BatchResult tryOut(RecordService<?, ?, ?> service, String matchOn, List<ImportItems.Row> ready) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                throw new DryRun(upsert(service, matchOn, ready));
            });
        } catch (DryRun done) {
            return done.result;
        }
        throw new IllegalStateException("a dry run must end in its rollback");
    }

    private BatchResult upsert(RecordService<?, ?, ?> service, String matchOn, List<ImportItems.Row> ready) {
        List<JsonNode> items = new ArrayList<>(ready.size());
        ready.forEach(r -> items.add(r.item()));
        return service.batchUpsert(new BatchRequest(matchOn, items, "create"));
    }

    private void record(Import job, List<ImportItems.Row> rows, List<ImportItems.Row> ready, BatchResult result) {
        List<Object[]> errors = new ArrayList<>();
        for (ImportItems.Row row : rows) {
            row.problems().forEach(p -> errors.add(new Object[] { row.line(), p.field(), p.code(), p.message() }));
        }
        for (ItemResult item : result.results()) {
            long line = ready.get(item.index()).line();
            if (item.status() == ItemResult.Status.error) {
                if (item.error().errors() == null || item.error().errors().isEmpty()) {
                    errors.add(new Object[] { line, null, item.error().type().substring(item.error().type().lastIndexOf('/') + 1),
                            item.error().detail() });
                } else {
                    item.error().errors().forEach(e -> errors.add(new Object[] { line, e.field(), e.code(), e.message() }));
                }
            }
        }
        errors.sort((a, b) -> Long.compare((Long) a[0], (Long) b[0]));
        for (Object[] e : errors) {
            em.persist(ImportError.of(job.id, (Long) e[0], (String) e[1], (String) e[2], (String) e[3]));
        }
        job.processed += rows.size();
        job.created += result.created();
        job.updated += result.updated();
        job.unchanged += result.unchanged();
        job.failed += result.failed() + (rows.size() - ready.size());
    }

    private void end(Import job, String status, String detail) {
        job.status = status;
        job.detail = detail;
        job.finishedAt = clock.now();
        job.leaseUntil = null;
        Sql.update(em, SqlFragment.of("delete from import_chunk where tenant_id = ? and job_id = ?", TenantContext.current(), job.id));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("objectType", job.objectType);
        payload.put("dryRun", job.dryRun);
        payload.put("processed", job.processed);
        payload.put("created", job.created);
        payload.put("updated", job.updated);
        payload.put("unchanged", job.unchanged);
        payload.put("failed", job.failed);
        if (detail != null) {
            payload.put("detail", detail);
        }
        events.append("import", job.id, status, payload);
    }

    private ImportItems items(RecordService<?, ?, ?> service) {
        String label = service.recordType().label();
        return new ImportItems(mapper, kinds, service.inputType(), definitions.typesOf(label));
    }

    private JsonNode parse(String rows) {
        try {
            return mapper.readTree(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored import chunk is not JSON", e);
        }
    }

    private Import find(UUID id) {
        return Records.find(em, Import.class, id, "Import");
    }

    private static boolean flag(String text) {
        if (text == null || text.equals("false")) {
            return false;
        }
        if (text.equals("true")) {
            return true;
        }
        throw new TorreException(ErrorCode.VALIDATION, "dryRun must be true or false",
                List.of(new FieldError("dryRun", "invalid_value", "true or false")));
    }

    private static String format(String contentType) {
        String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "text/csv" -> "csv";
            case "application/x-ndjson", "application/jsonl" -> "ndjson";
            default -> throw new TorreException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Send the rows as text/csv (a header row, then one record per row) or application/x-ndjson (one JSON object per line)");
        };
    }
}
