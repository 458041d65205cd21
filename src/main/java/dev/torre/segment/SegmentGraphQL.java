package dev.torre.segment;

import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import dev.torre.platform.graphql.GraphQLInputs;
import dev.torre.platform.graphql.TranslateErrors;
import dev.torre.platform.graphql.WhereInput;
import dev.torre.platform.query.ListRequest;

/** GraphQL reads of segments and their members, over the same service and rules as REST. */
@GraphQLApi
@TranslateErrors
public class SegmentGraphQL {

    @Inject
    SegmentService segments;

    @Inject
    GraphQLInputs graphql;

    @Query
    @Description("A segment by id")
    public SegmentView segment(@NonNull @Id String id) {
        return segments.get(graphql.id(id));
    }

    @Query
    @Description("Segments, filtered by SCIM text (filter) and/or a structured where, sorted, in pages")
    public SegmentConnection segments(String filter, WhereInput where, List<String> sort, Integer first, String after) {
        return SegmentConnection.of(segments.list(graphql.listRequest(filter, where, sort, first, after)));
    }

    @Description("The segment's active members in id order; needs the read scope of its object type too")
    public SegmentMemberConnection members(@Source SegmentView segment, Integer first, String after) {
        return SegmentMemberConnection.of(segments.members(segment.id(),
                ListRequest.of(null, null, null, first, after)));
    }
}
