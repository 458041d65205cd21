package dev.torre.transfer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.torre.platform.persistence.TenantEntity;

/** One uploaded file being written into records, from queued to a final status, with its counters. Written only by {@link ImportService}. */
@Entity
@Table(name = "import_job")
public class Import extends TenantEntity {

    @Column(name = "object_type")
    public String objectType;

    @Column(name = "match_on")
    public String matchOn;

    /** csv or ndjson. */
    public String format;

    @Column(name = "dry_run")
    public boolean dryRun;

    /** queued, running, completed, failed or cancelled. */
    public String status;

    @Column(name = "total_rows")
    public long totalRows;

    public long processed;

    public long created;

    public long updated;

    public long unchanged;

    public long failed;

    public String detail;

    public String actor;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]", nullable = false)
    public List<String> roles = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> scopes;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    boolean finished() {
        return "completed".equals(status) || "failed".equals(status) || "cancelled".equals(status);
    }

    // getters for the query layer's field registry
    public String status() {
        return status;
    }

    public String objectType() {
        return objectType;
    }
}
