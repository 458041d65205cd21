package dev.torre.platform.query;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import org.junit.jupiter.api.function.Executable;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A contact-like registry covering every field type, and assertions for query errors. */
final class Fixtures {

    record Contact(UUID id, String email, String lastName, String stage, BigDecimal score, Boolean active,
                   OffsetDateTime updatedAt, UUID companyId, String campaign) {
    }

    /** The "now" relative times in these filters resolve against; no test here depends on its value. */
    static final java.time.Instant NOW = java.time.Instant.parse("2026-01-01T00:00:00Z");

    static final FieldRegistry<Contact> CONTACTS = FieldRegistry.<Contact>builder("contact", "c.id", Contact::id)
            .field("email", "c.email", FieldType.STRING, Contact::email).lowercaseValues().sortable()
            .field("lastName", "c.last_name", FieldType.STRING, Contact::lastName).sortable()
            .field("lifecycleStage", "c.lifecycle_stage", FieldType.ENUM, Contact::stage)
            .enumValues("lead", "mql", "sql", "customer").sortable()
            .field("score", "c.score", FieldType.NUMBER, Contact::score).sortable()
            .field("active", "c.active", FieldType.BOOLEAN, Contact::active).sortable()
            .field("updatedAt", "c.updated_at", FieldType.TIMESTAMP, Contact::updatedAt).sortable()
            .field("companyId", "c.company_id", FieldType.UUID, Contact::companyId)
            .field("tags", "c.tags", FieldType.STRING_ARRAY, null).lowercaseValues()
            .field("source.campaign", "c.utm_campaign", FieldType.STRING, Contact::campaign)
            .jsonProperties("properties", "c.properties")
            .build();

    private Fixtures() {
    }

    /** Runs the code, expects an INVALID_QUERY error about one parameter with the given code, returns its message. */
    static String queryError(String param, String code, Executable action) {
        TorreException e = assertThrows(TorreException.class, action);
        assertEquals(ErrorCode.INVALID_QUERY, e.code());
        assertEquals(1, e.errors().size(), e.errors().toString());
        FieldError error = e.errors().getFirst();
        assertEquals(param, error.field(), error.toString());
        assertEquals(code, error.code(), error.toString());
        assertEquals(e.getMessage(), error.message());
        return error.message();
    }
}
