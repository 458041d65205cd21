package dev.torre.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.torre.company.CompanyService;
import dev.torre.contact.ContactLookupService;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.query.FieldRegistry;
import dev.torre.platform.query.FieldType;
import dev.torre.platform.query.Filter;
import dev.torre.platform.query.FilterParser;
import dev.torre.platform.query.FilterCompiler;
import dev.torre.platform.query.SqlFragment;

/**
 * Turns rule conditions into SQL with the list filter grammar: attribute conditions over the contact (alias
 * {@code c}) and its company ({@code company.*}, alias {@code co}); behaviour matches over an interaction
 * (alias {@code i}).
 */
final class RuleConditions {

    private static final FieldRegistry<?> CONTACT_FIELDS = ContactLookupService.filterFields();
    private static final FieldRegistry<?> COMPANY_FIELDS = CompanyService.filterFields();
    static final FieldRegistry<?> CONTACT = CONTACT_FIELDS.with("company", COMPANY_FIELDS, "co");

    static final FieldRegistry<Object> INTERACTION = FieldRegistry.<Object>builder("interaction", "i.id", row -> null)
            .field("pageUrl", "i.page_url", FieldType.STRING, null)
            .field("subject", "i.subject", FieldType.STRING, null)
            .field("purpose", "i.purpose", FieldType.STRING, null)
            .field("direction", "i.direction", FieldType.STRING, null)
            .field("sentiment", "i.sentiment", FieldType.NUMBER, null)
            .field("durationSeconds", "i.duration_seconds", FieldType.NUMBER, null)
            // a delivery partner's outcome on an outbound message: engagement (opened, clicked, replied) can earn points
            .field("status", "i.status", FieldType.STRING, null)
            .build();

    private RuleConditions() {
    }

    static SqlFragment condition(String text, Instant now) {
        return compile(text, CONTACT, "condition", now);
    }

    static SqlFragment match(String text, Instant now) {
        return text == null ? SqlFragment.of("true") : compile(text, INTERACTION, "match", now);
    }

    /**
     * What a rule's points are computed from: the contact and company fields its condition reads, or the
     * interactions it counts and the fields its match reads. Each source covers every name (the rule's factor).
     */
    static List<FeatureSource> sources(ScoringRule rule) {
        return sources(rule.kind, rule.condition, rule.match);
    }

    /** The same, for a rule given by its kind, condition and match (a default not yet saved). */
    static List<FeatureSource> sources(String kind, String condition, String match) {
        List<FeatureSource> sources = new ArrayList<>();
        if ("attribute".equals(kind)) {
            for (String path : Filter.paths(FilterParser.parse(condition))) {
                boolean company = path.regionMatches(true, 0, "company.", 0, 8);
                FieldRegistry<?> registry = company ? COMPANY_FIELDS : CONTACT_FIELDS;
                String type = company ? "company" : "contact";
                registry.reads(company ? path.substring(8) : path)
                        .ifPresent(r -> sources.add(FeatureSource.field("", type, r.field())));
            }
        } else {
            sources.add(FeatureSource.records("", "interaction"));
            if (match != null) {
                for (String path : Filter.paths(FilterParser.parse(match))) {
                    INTERACTION.reads(path).ifPresent(r -> sources.add(FeatureSource.field("", "interaction", r.field())));
                }
            }
        }
        return sources;
    }

    /** The query layer reports against its {@code filter} parameter; a rule's caller wrote the field named here. */
    private static SqlFragment compile(String text, FieldRegistry<?> registry, String field, Instant now) {
        try {
            return FilterCompiler.compile(text, registry, now);
        } catch (TorreException e) {
            String code = e.errors().isEmpty() ? "invalid" : e.errors().getFirst().code();
            throw new TorreException(ErrorCode.VALIDATION, "Invalid " + field + ": " + e.getMessage(),
                    List.of(new FieldError(field, code, e.getMessage())));
        }
    }
}
