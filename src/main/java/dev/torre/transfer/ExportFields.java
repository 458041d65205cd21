package dev.torre.transfer;

import dev.torre.platform.query.FieldRegistry;
import dev.torre.platform.query.FieldType;

/** What lists may filter export jobs by; newest first, by id. */
final class ExportFields {

    static final FieldRegistry<Export> JOBS = FieldRegistry.<Export>builder("export_job", "c.id", Export::id)
            .field("status", "c.status", FieldType.STRING, Export::status)
            .field("objectType", "c.object_type", FieldType.STRING, Export::objectType)
            .build();

    private ExportFields() {
    }
}
