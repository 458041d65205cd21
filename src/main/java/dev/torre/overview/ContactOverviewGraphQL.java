package dev.torre.overview;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import dev.torre.platform.graphql.GraphQLInputs;
import dev.torre.platform.graphql.TranslateErrors;

/** The 360° view over GraphQL: the same service call as REST, one request. */
@GraphQLApi
@TranslateErrors
public class ContactOverviewGraphQL {

    @Inject
    ContactOverviewService overviews;

    @Inject
    GraphQLInputs graphql;

    @Query
    @Description("A contact's 360° overview: profile, company, open tickets with SLA state, last 20 interactions, open tasks, open deals, recent orders, counters")
    public ContactOverviewView contactOverview(@NonNull @Id String id) {
        return overviews.overview(graphql.id(id));
    }
}
