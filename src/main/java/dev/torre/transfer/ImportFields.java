package dev.torre.transfer;

import dev.torre.platform.query.FieldRegistry;
import dev.torre.platform.query.FieldType;

/** What lists may filter import jobs and their errors by; both page newest or first line first, by id. */
final class ImportFields {

    static final FieldRegistry<ImportJob> JOBS = FieldRegistry.<ImportJob>builder("import_job", "c.id", ImportJob::id)
            .field("status", "c.status", FieldType.STRING, ImportJob::status)
            .field("objectType", "c.object_type", FieldType.STRING, ImportJob::objectType)
            .build();

    static final FieldRegistry<ImportError> ERRORS = FieldRegistry.<ImportError>builder("import_error", "c.id", ImportError::id)
            .field("field", "c.field", FieldType.STRING, null)
            .field("code", "c.code", FieldType.STRING, null)
            .build();

    private ImportFields() {
    }
}
