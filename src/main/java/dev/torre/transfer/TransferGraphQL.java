package dev.torre.transfer;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import dev.torre.platform.graphql.GraphQLInputs;
import dev.torre.platform.graphql.TranslateErrors;

/** GraphQL for following imports and exports (files are uploaded and downloaded over REST). */
@GraphQLApi
@TranslateErrors
public class TransferGraphQL {

    @Inject
    ImportService imports;

    @Inject
    ExportService exports;

    @Inject
    GraphQLInputs graphql;

    @Query
    @Description("An import job: its status and counters (refused lines: GET /v1/imports/{id}/errors)")
    public ImportJobView importJob(@NonNull @Id String id) {
        return imports.get(graphql.id(id));
    }

    @Query
    @Description("An export job: its status and progress (the file: GET /v1/exports/{id}/file)")
    public ExportJobView exportJob(@NonNull @Id String id) {
        return exports.get(graphql.id(id));
    }
}
