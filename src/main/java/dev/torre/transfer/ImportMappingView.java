package dev.torre.transfer;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A saved column mapping as the API shows it. */
@Schema(name = "ImportMapping")
public record ImportMappingView(UUID id, String name, String objectType, Map<String, String> columns, long version,
        Instant createdAt, Instant updatedAt) {

    static ImportMappingView of(ImportMapping m) {
        return new ImportMappingView(m.id, m.name, m.objectType, m.columns, m.version, m.createdAt, m.updatedAt);
    }
}
