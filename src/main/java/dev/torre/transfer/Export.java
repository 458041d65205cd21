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

/** One export: the records a filter selects, written page by page into a file. Written only by {@link ExportService}. */
@Entity
@Table(name = "export_job")
public class Export extends TenantEntity {

    @Column(name = "object_type")
    public String objectType;

    public String filter;

    /** The fields (columns) asked for; empty: every field the requester may see. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]", nullable = false)
    public List<String> fields = new ArrayList<>();

    /** csv or ndjson. */
    public String format;

    /** queued, running, completed or failed. */
    public String status;

    public long exported;

    public long bytes;

    /** Where the next page starts: the list cursor of the last page written. */
    public String cursor;

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

    public String status() {
        return status;
    }

    public String objectType() {
        return objectType;
    }
}
