package dev.torre.merge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import dev.torre.platform.graphql.GraphQLInputs;
import dev.torre.platform.graphql.TranslateErrors;

/** GraphQL for duplicates and merges: the same service calls as REST. */
@GraphQLApi
@TranslateErrors
public class MergeGraphQL {

    @Inject
    DuplicateService duplicates;

    @Inject
    MergeService merges;

    @Inject
    GraphQLInputs graphql;

    /** The body of a merge, with prefer as a list (GraphQL has no maps). */
    @Name("MergeInput")
    public record MergeWrite(@NonNull List<@NonNull String> mergeIds, Boolean dryRun, List<Preference> prefer) {
    }

    /** Which record's value wins for one field. */
    public record Preference(@NonNull String field, @NonNull @Id String recordId) {
    }

    /** How many related rows of one kind moved to the survivor. */
    public record MovedRows(String kind, int count) {
    }

    /** A field of the survivor that took another record's value. */
    public record FilledField(String field, @Id String recordId) {
    }

    @Query
    @Description("The contacts that may be this one, best first, with the signals that matched")
    public List<DuplicateView> contactDuplicates(@NonNull @Id String id) {
        return duplicates.ofContact(graphql.id(id));
    }

    @Query
    @Description("The companies that may be this one, best first, with the signals that matched")
    public List<DuplicateView> companyDuplicates(@NonNull @Id String id) {
        return duplicates.ofCompany(graphql.id(id));
    }

    @Query
    @Description("The tenant's likeliest duplicate pairs of contact or company records, best first")
    public List<DuplicatePairView> duplicatePairs(@NonNull String objectType, Integer limit) {
        return duplicates.pairs(objectType, limit == null ? null : limit.toString());
    }

    @Mutation
    @Description("Dismisses a duplicate pair (see POST /v1/duplicates/{id}/dismiss (the pairId)): it leaves the listing for good")
    public DuplicatePairView dismissDuplicatePair(@NonNull @Id String pairId) {
        return duplicates.dismiss(graphql.id(pairId));
    }

    @Mutation
    @Description("Merges contacts into this one (see POST /v1/contacts/{id}/merge); dryRun answers without changing anything")
    public MergeView mergeContact(@NonNull @Id String id, @NonNull MergeWrite input) {
        return merges.mergeContacts(graphql.id(id), toInput(input));
    }

    @Mutation
    @Description("Merges companies into this one (see POST /v1/companies/{id}/merge); dryRun answers without changing anything")
    public MergeView mergeCompany(@NonNull @Id String id, @NonNull MergeWrite input) {
        return merges.mergeCompanies(graphql.id(id), toInput(input));
    }

    @Description("The survivor's writable fields after the merge, as a JSON object in text")
    public String result(@Source MergeView merge) {
        return merge.result().toString();
    }

    public List<MovedRows> moved(@Source MergeView merge) {
        List<MovedRows> rows = new ArrayList<>();
        merge.moved().forEach((kind, count) -> rows.add(new MovedRows(kind, count)));
        return rows;
    }

    public List<FilledField> filledFrom(@Source MergeView merge) {
        List<FilledField> fields = new ArrayList<>();
        merge.filledFrom().forEach((field, id) -> fields.add(new FilledField(field, id.toString())));
        return fields;
    }

    private MergeInput toInput(MergeWrite in) {
        List<UUID> ids = in.mergeIds().stream().map(graphql::id).toList();
        Map<String, UUID> prefer = new LinkedHashMap<>();
        if (in.prefer() != null) {
            in.prefer().forEach(p -> prefer.put(p.field(), graphql.id(p.recordId())));
        }
        return new MergeInput(ids, in.dryRun(), prefer);
    }
}
