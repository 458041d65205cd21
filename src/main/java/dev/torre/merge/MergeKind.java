package dev.torre.merge;

import java.util.List;
import java.util.Map;

/**
 * What merging one kind of record touches besides the record itself: the columns of other tables that point at it
 * and follow the survivor. Written once per kind here, in SQL, because a merge moves rows of many capabilities in one
 * transaction and none of them has (or should have) an operation "point all of these at another record".
 * {@code MergeCoverageTest} reads the database's columns and fails when one pointing at the record is in none of the
 * three lists, so a new table cannot be forgotten silently.
 *
 * @param label      the record's event name, e.g. {@code contact}
 * @param table      its table
 * @param references the columns that point at it and simply follow the survivor, with the name the outcome counts them by
 * @param handled    columns, as {@code table.column}, that {@link MergeService} moves with SQL of their own
 * @param kept       columns, as {@code table.column}, deliberately left pointing at the merged record, with the reason
 * @param listFields the survivor's list fields, joined rather than filled
 */
record MergeKind(String label, String table, List<Reference> references, List<String> handled, Map<String, String> kept,
        List<String> listFields) {

    /** A column of another table that names the record; {@code versioned} when the table counts versions. */
    record Reference(String name, String table, String column, boolean versioned) {

        Reference(String name, String table, String column) {
            this(name, table, column, true);
        }
    }

    static final MergeKind CONTACT = new MergeKind("contact", "contact", List.of(
            new Reference("interactions", "interaction", "contact_id"),
            new Reference("deals", "deal", "contact_id"),
            new Reference("orders", "sales_order", "contact_id"),
            new Reference("tickets", "ticket", "contact_id"),
            new Reference("tasks", "task", "contact_id"),
            new Reference("npsResponses", "nps_response", "contact_id"),
            // the workflow messages already sent to the person count toward the survivor's frequency caps
            new Reference("workflowMessages", "workflow_message", "contact_id", false)),
            List.of("deal_contact.contact_id", "consent.contact_id"),
            Map.of("privacy_request.contact_id", "a data-subject request is the record of what was asked about that contact; "
                            + "the survivor needs a request of its own",
                    "contact_score.contact_id", "one score per contact, recomputed for the survivor from its own data and events",
                    "churn_score.contact_id", "one score per contact, recomputed for the survivor from its own data and events"),
            List.of("tags"));

    static final MergeKind COMPANY = new MergeKind("company", "company", List.of(
            new Reference("contacts", "contact", "company_id"),
            new Reference("interactions", "interaction", "company_id"),
            new Reference("deals", "deal", "company_id"),
            new Reference("orders", "sales_order", "company_id"),
            new Reference("tickets", "ticket", "company_id"),
            new Reference("tasks", "task", "company_id")),
            List.of(), Map.of(), List.of());
}
