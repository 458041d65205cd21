package dev.torre.contact;

import java.util.stream.Stream;

import dev.torre.platform.outreach.ConsentTerms;
import dev.torre.platform.query.FieldRegistry;
import dev.torre.platform.query.FieldType;

/** What lists, searches and GraphQL may filter and sort contacts by, and the SQL behind each name. */
final class ContactFields {

    /** The delivery outcomes a partner reports on an outbound message (the interaction's {@code status}). */
    private static final String[] MESSAGE_STATUSES = { "queued", "sent", "delivered", "opened", "clicked", "bounced", "failed", "replied" };

    /** The status of the contact's latest outbound message that has one: a bounce shows until a later message fares better. */
    private static final String LAST_MESSAGE_STATUS = """
            (select i.status from interaction i where i.tenant_id = c.tenant_id and i.contact_id = c.id
               and i.direction = 'outbound' and i.status is not null and i.archived_at is null
             order by i.occurred_at desc, i.id desc limit 1)""";

    /**
     * What the contact bought: the values of one product column over the lines of its paid or fulfilled orders
     * (pending, cancelled and refunded ones are no purchase). {@code purchases.category eq "ink"}: bought ink.
     */
    private static String purchases(String column) {
        return """
                array(select distinct cast(%s as text) from sales_order o
                  join order_line l on l.tenant_id = o.tenant_id and l.order_id = o.id
                  join product p on p.tenant_id = l.tenant_id and p.id = l.product_id
                  where o.tenant_id = c.tenant_id and o.contact_id = c.id and o.archived_at is null
                    and o.status in ('paid', 'fulfilled') and %s is not null)""".formatted(column, column);
    }

    private static final FieldRegistry.Builder<Contact> FIELDS = FieldRegistry.<Contact>builder("contact", "c.id", Contact::id)
            .field("firstName", "c.first_name", FieldType.STRING, Contact::firstName).sortable()
            .field("lastName", "c.last_name", FieldType.STRING, Contact::lastName).sortable()
            .field("email", "c.email", FieldType.STRING, Contact::email).lowercaseValues().sortable()
            .field("phone", "c.phone", FieldType.STRING, null)
            .field("companyId", "c.company_id", FieldType.UUID, null)
            .field("lifecycleStage", "c.lifecycle_stage", FieldType.ENUM, Contact::stage).enumValues(LifecycleStage.wireValues()).sortable()
            .field("ownerId", "c.owner_id", FieldType.STRING, c -> c.ownerId).sortable()
            .field("timeZone", "c.time_zone", FieldType.STRING, null)
            .field("source.utmSource", "c.utm_source", FieldType.STRING, null)
            .field("source.utmMedium", "c.utm_medium", FieldType.STRING, null)
            .field("source.utmCampaign", "c.utm_campaign", FieldType.STRING, null)
            .field("tags", "c.tags", FieldType.STRING_ARRAY, null)
            .field("leadScore", "c.lead_score", FieldType.NUMBER, c -> c.leadScore).sortable()
            .field("churnRisk", "c.churn_risk", FieldType.NUMBER, c -> c.churnRisk).sortable()
            .field("externalId", "c.external_id", FieldType.STRING, c -> c.externalId).sortable()
            .field("createdAt", "c.created_at", FieldType.TIMESTAMP, Contact::createdAt).sortable()
            .field("updatedAt", "c.updated_at", FieldType.TIMESTAMP, Contact::updatedAt).sortable()
            .field("lastInteractionAt", "c.last_interaction_at", FieldType.TIMESTAMP, c -> c.lastInteractionAt).sortable()
            .field("lastInboundAt", "c.last_inbound_at", FieldType.TIMESTAMP, c -> c.lastInboundAt).sortable()
            .field("lastMessageStatus", LAST_MESSAGE_STATUS, FieldType.ENUM, null).enumValues(MESSAGE_STATUSES)
            .field("purchases.category", purchases("lower(p.category)"), FieldType.STRING_ARRAY, null).lowercaseValues()
            .field("purchases.productId", purchases("cast(p.id as text)"), FieldType.STRING_ARRAY, null)
            .field("purchases.sku", purchases("p.sku"), FieldType.STRING_ARRAY, null)
            .jsonProperties("properties", "c.properties")
            .searchCovers("firstName", "lastName", "email", "phone");

    static final FieldRegistry<Contact> REGISTRY = withConsents(FIELDS).build();

    /** {@code consent.<purpose>.<channel>}: the contact's current decision, read from the consent ledger. */
    private static FieldRegistry.Builder<Contact> withConsents(FieldRegistry.Builder<Contact> fields) {
        String[] statuses = Stream.concat(ConsentTerms.STATUSES.stream(), Stream.of(ConsentTerms.EXPIRED)).toArray(String[]::new);
        for (String purpose : ConsentTerms.PURPOSES) {
            for (String channel : ConsentTerms.decisionChannels()) {
                fields.field("consent." + purpose + "." + channel, ConsentTerms.currentStatusSql("c", purpose, channel),
                        FieldType.ENUM, null).enumValues(statuses);
            }
        }
        return fields;
    }

    private ContactFields() {
    }
}
