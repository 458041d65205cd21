package dev.torre.scoring;

import java.util.List;

import dev.torre.company.CompanyService;
import dev.torre.contact.ContactService;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.query.FieldRegistry;
import dev.torre.platform.query.FieldType;
import dev.torre.platform.query.FilterCompiler;
import dev.torre.platform.query.SqlFragment;

/**
 * Turns rule conditions into SQL with the list filter grammar: attribute conditions over the contact (alias
 * {@code c}) and its company ({@code company.*}, alias {@code co}); behaviour matches over an interaction
 * (alias {@code i}).
 */
final class RuleConditions {

    static final FieldRegistry<?> CONTACT = ContactService.filterFields().with("company", CompanyService.filterFields(), "co");

    static final FieldRegistry<Object> INTERACTION = FieldRegistry.<Object>builder("interaction", "i.id", row -> null)
            .field("pageUrl", "i.page_url", FieldType.STRING, null)
            .field("subject", "i.subject", FieldType.STRING, null)
            .field("purpose", "i.purpose", FieldType.STRING, null)
            .field("direction", "i.direction", FieldType.STRING, null)
            .field("sentiment", "i.sentiment", FieldType.NUMBER, null)
            .field("durationSeconds", "i.duration_seconds", FieldType.NUMBER, null)
            .build();

    private RuleConditions() {
    }

    static SqlFragment condition(String text) {
        return compile(text, CONTACT, "condition");
    }

    static SqlFragment match(String text) {
        return text == null ? SqlFragment.of("true") : compile(text, INTERACTION, "match");
    }

    /** The query layer reports against its {@code filter} parameter; a rule's caller wrote the field named here. */
    private static SqlFragment compile(String text, FieldRegistry<?> registry, String field) {
        try {
            return FilterCompiler.compile(text, registry);
        } catch (TorreException e) {
            String code = e.errors().isEmpty() ? "invalid" : e.errors().getFirst().code();
            throw new TorreException(ErrorCode.VALIDATION, "Invalid " + field + ": " + e.getMessage(),
                    List.of(new FieldError(field, code, e.getMessage())));
        }
    }
}
