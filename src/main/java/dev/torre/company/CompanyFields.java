package dev.torre.company;

import dev.torre.platform.query.FieldRegistry;
import dev.torre.platform.query.FieldType;

/** What lists, searches and GraphQL may filter and sort companies by. */
final class CompanyFields {

    static final FieldRegistry<Company> REGISTRY = FieldRegistry.<Company>builder("company", "c.id", Company::id)
            .field("name", "c.name", FieldType.STRING, Company::name).sortable()
            .field("domain", "c.domain", FieldType.STRING, Company::domain).lowercaseValues().sortable()
            .field("industry", "c.industry", FieldType.STRING, c -> c.industry).sortable()
            .field("sizeBand", "c.size_band", FieldType.ENUM, null)
            .enumValues("1-10", "11-50", "51-200", "201-1000", "1001-5000", "5001+")
            .field("tier", "c.tier", FieldType.ENUM, c -> c.tier).enumValues("standard", "silver", "gold", "platinum").sortable()
            .field("externalId", "c.external_id", FieldType.STRING, c -> c.externalId).sortable()
            .field("createdAt", "c.created_at", FieldType.TIMESTAMP, Company::createdAt).sortable()
            .field("updatedAt", "c.updated_at", FieldType.TIMESTAMP, Company::updatedAt).sortable()
            .jsonProperties("properties", "c.properties")
            .searchCovers("name", "domain", "industry")
            .build();

    private CompanyFields() {
    }
}
