package dev.torre.company;

import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import dev.torre.platform.graphql.GraphQLInputs;
import dev.torre.platform.graphql.TranslateErrors;
import dev.torre.platform.graphql.WhereInput;
import dev.torre.platform.input.Inputs;

/** GraphQL for companies. A company's contacts are resolved by the contact capability. */
@GraphQLApi
@TranslateErrors
public class CompanyGraphQL {

    @Inject
    CompanyService companies;

    @Inject
    GraphQLInputs graphql;

    @Inject
    Inputs inputs;

    @Query
    @Description("A company by id")
    public CompanyView company(@NonNull @Id String id) {
        return companies.get(graphql.id(id));
    }

    @Query
    @Description("Companies, filtered by SCIM text (filter) and/or a structured where, sorted, in pages")
    public CompanyConnection companies(String filter, WhereInput where, List<String> sort, Integer first, String after) {
        return CompanyConnection.of(companies.list(graphql.listRequest(filter, where, sort, first, after)));
    }

    @Mutation
    @Description("Creates a company; one that looks like a stored one fails with CONFLICT and extensions.duplicates naming the matches, unless onDuplicate is CREATE")
    public CompanyView createCompany(@NonNull CompanyWrite input, dev.torre.platform.persistence.OnDuplicate onDuplicate) {
        return companies.create(inputs.bind(graphql.toPatch(input, null), CompanyInput.class),
                onDuplicate == null ? dev.torre.platform.persistence.OnDuplicate.REJECT : onDuplicate);
    }

    @Mutation
    @Description("Changes the fields given; fields named in clear are emptied. Fails if the company moved past expectedVersion.")
    public CompanyView updateCompany(@NonNull @Id String id, @NonNull CompanyWrite input, List<String> clear, Long expectedVersion) {
        return companies.update(graphql.id(id), graphql.toPatch(input, clear), expectedVersion);
    }

    @Mutation
    @Description("Archives the company (it can be restored over REST)")
    public boolean deleteCompany(@NonNull @Id String id) {
        companies.archive(graphql.id(id));
        return true;
    }

    @Description("Custom fields as a JSON object in text")
    public String properties(@Source CompanyView company) {
        return graphql.properties("company", company.id(), company.properties());
    }
}
