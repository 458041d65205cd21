package dev.torre.merge;

import java.util.List;

/**
 * What merging one kind of record touches besides the record itself: the columns of other tables that point at it
 * and follow the survivor. Written once per kind here, in SQL, because a merge moves rows of many capabilities in one
 * transaction and none of them has (or should have) an operation "point all of these at another record".
 *
 * @param label      the record's event name, e.g. {@code contact}
 * @param table      its table
 * @param references the columns that point at it, as {@code table.column}, with the name the outcome counts them by
 */
record MergeKind(String label, String table, List<Reference> references, List<String> listFields) {

    /** A column of another table that names the record. */
    record Reference(String name, String table, String column) {
    }

    static final MergeKind CONTACT = new MergeKind("contact", "contact", List.of(
            new Reference("interactions", "interaction", "contact_id"),
            new Reference("deals", "deal", "contact_id"),
            new Reference("orders", "sales_order", "contact_id"),
            new Reference("tickets", "ticket", "contact_id"),
            new Reference("tasks", "task", "contact_id"),
            new Reference("npsResponses", "nps_response", "contact_id")),
            List.of("tags"));

    static final MergeKind COMPANY = new MergeKind("company", "company", List.of(
            new Reference("contacts", "contact", "company_id"),
            new Reference("interactions", "interaction", "company_id"),
            new Reference("deals", "deal", "company_id"),
            new Reference("orders", "sales_order", "company_id"),
            new Reference("tickets", "ticket", "company_id"),
            new Reference("tasks", "task", "company_id")),
            List.of());
}
