package dev.torre.company;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Type;

/** A company as the API shows it. */
@Type("Company")
public record CompanyView(
        @Id UUID id,
        String name,
        String domain,
        String industry,
        String sizeBand,
        String tier,
        String externalId,
        @Ignore Map<String, Object> properties,
        long version,
        Instant createdAt,
        Instant updatedAt,
        Instant archivedAt,
        @Description("Set when this company was merged into another (it is then archived): the survivor's id") UUID mergedInto) {

    static CompanyView of(Company c) {
        return new CompanyView(c.id, c.name, c.domain, c.industry, c.sizeBand, c.tier, c.externalId, c.properties,
                c.version, c.createdAt, c.updatedAt, c.archivedAt, c.mergedInto);
    }
}
