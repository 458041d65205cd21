package dev.torre.segment;

import java.util.List;
import java.util.Map;

import dev.torre.company.CompanyService;
import dev.torre.contact.ContactLookupService;
import dev.torre.deal.DealService;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.query.FieldRegistry;

/** The kinds of record a segment may hold: the fields its filter may name, the table it reads, the scope that reads it. */
final class SegmentTypes {

    /**
     * @param table the record table, a trusted name, aliased {@code c} as the registry's SQL expects
     * @param scope the resource part of its scopes, e.g. {@code contacts}
     */
    record Type(String name, FieldRegistry<?> fields, String table, String scope) {

        String readScope() {
            return scope + ":read";
        }
    }

    private static final Map<String, Type> TYPES = Map.of(
            "contact", new Type("contact", ContactLookupService.filterFields(), "contact", "contacts"),
            "company", new Type("company", CompanyService.filterFields(), "company", "companies"),
            "deal", new Type("deal", DealService.filterFields(), "deal", "deals"));

    private SegmentTypes() {
    }

    /** The type of that name; a 400 naming {@code objectType} for any other. */
    static Type of(String name) {
        Type type = name == null ? null : TYPES.get(name);
        if (type == null) {
            throw new TorreException(ErrorCode.VALIDATION, "objectType must be one of contact, company, deal",
                    List.of(new FieldError("objectType", "invalid_value", "One of contact, company, deal")));
        }
        return type;
    }

    /** The type whose events name it, if segments hold records of it. */
    static Type byEntity(String entityType) {
        return TYPES.get(entityType);
    }
}
