package dev.torre.contact;

import java.util.stream.Stream;

import dev.torre.platform.outreach.ConsentTerms;
import dev.torre.platform.query.FieldRegistry;
import dev.torre.platform.query.FieldType;

/** What lists, searches and GraphQL may filter and sort contacts by, and the SQL behind each name. */
final class ContactFields {

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
