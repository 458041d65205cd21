package dev.torre.transfer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.ids.Ids;
import dev.torre.platform.persistence.Sql;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.security.RequiresScope;
import dev.torre.platform.tenancy.Caller;
import dev.torre.platform.tenancy.TenantContext;

/**
 * Files larger than one request body: the caller opens an upload, sends the file in numbered parts (each within the
 * server's body limit, cut anywhere, even inside a row; sending a part again replaces it), then starts an import
 * naming the upload. The import reads the parts back one at a time, in order, as one stream, so neither the upload
 * nor the import ever holds more than one part in memory; the upload is deleted when the import has read it. Uploads
 * left unused are deleted after a day.
 */
@ApplicationScoped
public class ImportUploads {

    /** The most parts an upload may have: 10,000 parts of 8 MB is 80 GB, more than any CRM file. */
    static final int MAX_PARTS = 10_000;

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    /** What an upload holds so far. */
    public record UploadView(UUID id, int parts, long bytes) {
    }

    @Transactional
    @RequiresScope("imports:write")
    public UploadView open() {
        String tenant = TenantContext.current();
        Sql.update(em, SqlFragment.of("delete from import_upload where tenant_id = ? and created_at < now() - interval '24 hours'", tenant));
        UUID id = Ids.next();
        Sql.update(em, SqlFragment.of("insert into import_upload (tenant_id, id, actor) values (?, ?, ?)", tenant, id, caller.actor()));
        return new UploadView(id, 0, 0);
    }

    /** Stores one part (its bytes are within the body limit, so holding them is bounded); a part sent again replaces the first. */
    @Transactional
    @RequiresScope("imports:write")
    public UploadView putPart(UUID id, String partText, String contentType, InputStream body) {
        int part = partNumber(partText);
        if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            // a part is a slice of a CSV or NDJSON file: a JSON document sent here is a mistaken call, not a file
            throw new TorreException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Send a part as application/octet-stream (or text/csv, application/x-ndjson): a slice of the file's bytes");
        }
        lock(id);
        byte[] data;
        try {
            data = body.readAllBytes();
        } catch (IOException e) {
            throw new TorreException(ErrorCode.MALFORMED_REQUEST, "The part could not be read: " + e.getMessage());
        }
        if (data.length == 0) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, "body", "required", "A part carries at least one byte");
        }
        String tenant = TenantContext.current();
        Sql.update(em, SqlFragment.of("""
                insert into import_upload_part (tenant_id, upload_id, part, data) values (?, ?, ?, ?)
                on conflict (tenant_id, upload_id, part) do update set data = excluded.data
                """, tenant, id, part, data));
        Sql.update(em, SqlFragment.of("""
                update import_upload u set parts = s.parts, bytes = s.bytes
                from (select count(*) as parts, coalesce(sum(length(data)), 0) as bytes from import_upload_part where tenant_id = ? and upload_id = ?) s
                where u.tenant_id = ? and u.id = ?
                """, tenant, id, tenant, id));
        return view(id);
    }

    @RequiresScope("imports:read")
    public UploadView get(UUID id) {
        return view(id);
    }

    /**
     * The upload's parts as one stream, read part by part from the database as the reader gets to them; the caller's
     * transaction deletes the upload with {@link #discard} once it has read it. Parts must be numbered 1 to n without a gap.
     */
    InputStream read(UUID id) {
        UploadView upload = lock(id);
        if (upload.parts() == 0) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, "uploadId", "empty", "The upload " + id + " has no parts yet");
        }
        List<Integer> numbers = Sql.query(em, SqlFragment.of("select part from import_upload_part where tenant_id = ? and upload_id = ? order by part",
                TenantContext.current(), id), r -> r.getInt(1));
        for (int i = 0; i < numbers.size(); i++) {
            if (numbers.get(i) != i + 1) {
                throw TorreException.invalidField(ErrorCode.VALIDATION, "uploadId", "missing_part", "The upload lacks part " + (i + 1));
            }
        }
        String tenant = TenantContext.current();
        return new java.io.SequenceInputStream(new java.util.Enumeration<InputStream>() {
            int next = 1;

            @Override
            public boolean hasMoreElements() {
                return next <= numbers.size();
            }

            @Override
            public InputStream nextElement() {
                byte[] data = Sql.query(em, SqlFragment.of("select data from import_upload_part where tenant_id = ? and upload_id = ? and part = ?",
                        tenant, id, next++), r -> r.getBytes(1)).getFirst();
                return new ByteArrayInputStream(data);
            }
        });
    }

    void discard(UUID id) {
        Sql.update(em, SqlFragment.of("delete from import_upload where tenant_id = ? and id = ?", TenantContext.current(), id));
    }

    private UploadView lock(UUID id) {
        List<UploadView> found = Sql.query(em, SqlFragment.of("select id, parts, bytes from import_upload where tenant_id = ? and id = ? for update",
                TenantContext.current(), id), r -> new UploadView(Sql.uuid(r, 1), r.getInt(2), r.getLong(3)));
        if (found.isEmpty()) {
            throw TorreException.notFound("Upload " + id);
        }
        return found.getFirst();
    }

    private UploadView view(UUID id) {
        List<UploadView> found = Sql.query(em, SqlFragment.of("select id, parts, bytes from import_upload where tenant_id = ? and id = ?",
                TenantContext.current(), id), r -> new UploadView(Sql.uuid(r, 1), r.getInt(2), r.getLong(3)));
        if (found.isEmpty()) {
            throw TorreException.notFound("Upload " + id);
        }
        return found.getFirst();
    }

    private static int partNumber(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= MAX_PARTS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new TorreException(ErrorCode.VALIDATION, "A part number is a whole number from 1 to " + MAX_PARTS,
                List.of(new FieldError("part", "invalid_value", "1 to " + MAX_PARTS)));
    }

    static Map<String, Object> describe(UploadView u) {
        return Map.of("uploadId", u.id().toString(), "parts", u.parts(), "bytes", u.bytes());
    }
}
