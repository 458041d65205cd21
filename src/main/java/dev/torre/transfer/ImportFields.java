package dev.torre.transfer;

import dev.torre.platform.query.FieldRegistry;
import dev.torre.platform.query.FieldType;

/** What lists may filter import jobs and their errors by; both page newest or first line first, by id. */
final class ImportFields {

    static final FieldRegistry<Import> JOBS = FieldRegistry.<Import>builder("import_job", "c.id", Import::id)
            .field("status", "c.status", FieldType.STRING, Import::status)
            .field("objectType", "c.object_type", FieldType.STRING, Import::objectType)
            .build();

    static final FieldRegistry<ImportError> ERRORS = FieldRegistry.<ImportError>builder("import_error", "c.id", ImportError::id)
            .field("field", "c.field", FieldType.STRING, null)
            .field("code", "c.code", FieldType.STRING, null)
            .build();

    private ImportFields() {
    }
}
