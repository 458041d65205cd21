package dev.torre.company;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

/** The GraphQL input for creating or changing a company; checked by the same rules as REST. */
@Input("CompanyInput")
public record CompanyWrite(
        String name,
        String domain,
        String industry,
        @Description("1-10, 11-50, 51-200, 201-1000, 1001-5000 or 5001+") String sizeBand,
        @Description("standard, silver, gold or platinum") String tier,
        String externalId,
        @Description("Custom fields as a JSON object in text; on update it is merged") String properties) {
}
