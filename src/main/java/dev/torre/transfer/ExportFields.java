package dev.torre.transfer;

import dev.torre.platform.query.FieldRegistry;
import dev.torre.platform.query.FieldType;

/** What lists may filter export jobs by; newest first, by id. */
final class ExportFields {

    static final FieldRegistry<ExportJob> JOBS = FieldRegistry.<ExportJob>builder("export_job", "c.id", ExportJob::id)
            .field("status", "c.status", FieldType.STRING, ExportJob::status)
            .field("objectType", "c.object_type", FieldType.STRING, ExportJob::objectType)
            .build();

    private ExportFields() {
    }
}
