package dev.torre.transfer;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.TenantId;

/** One problem of one line of an import: the line, the field when one is to blame, and what is wrong. */
@Entity
@Table(name = "import_error")
public class ImportError {

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(name = "job_id")
    public UUID jobId;

    public long line;

    public String field;

    public String code;

    public String problem;

    static ImportError of(UUID jobId, long line, String field, String code, String problem) {
        ImportError error = new ImportError();
        error.id = dev.torre.platform.ids.Ids.next();
        error.jobId = jobId;
        error.line = line;
        error.field = field;
        error.code = code;
        error.problem = problem;
        return error;
    }

    public UUID id() {
        return id;
    }

    public long line() {
        return line;
    }
}
