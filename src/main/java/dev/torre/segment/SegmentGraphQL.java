package dev.torre.segment;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import dev.torre.company.CompanyView;
import dev.torre.contact.ContactView;
import dev.torre.deal.DealView;
import dev.torre.platform.graphql.GraphQLInputs;
import dev.torre.platform.graphql.TranslateErrors;
import dev.torre.platform.graphql.WhereInput;
import dev.torre.platform.input.Inputs;
import dev.torre.platform.query.ListRequest;

/** GraphQL for segments and their members, over the same service and rules as REST. */
@GraphQLApi
@TranslateErrors
public class SegmentGraphQL {

    @Inject
    SegmentService segments;

    @Inject
    GraphQLInputs graphql;

    @Inject
    Inputs inputs;

    /** The GraphQL input for creating or changing a segment. */
    @Input("SegmentInput")
    public record SegmentWrite(String name, @Description("contact, company or deal; fixed once created") String objectType,
            @Description("dynamic or static") String kind, @Description("A dynamic segment's condition, in the list filter grammar") String filter) {
    }

    @Mutation
    @Description("Creates a segment; a dynamic one answers at once with status backfilling and is filled by the worker")
    public SegmentView createSegment(@NonNull SegmentWrite input) {
        return segments.create(inputs.bind(graphql.toPatch(input, null), SegmentInput.class));
    }

    @Mutation
    @Description("Changes the fields given; fields named in clear are emptied. A new filter starts a new backfill."
            + " Fails if the segment moved past expectedVersion.")
    public SegmentView updateSegment(@NonNull @Id String id, @NonNull SegmentWrite input, List<String> clear, Long expectedVersion) {
        return segments.update(graphql.id(id), graphql.toPatch(input, clear), expectedVersion);
    }

    @Mutation
    @Description("Archives the segment (it can be restored over REST)")
    public boolean deleteSegment(@NonNull @Id String id) {
        segments.archive(graphql.id(id));
        return true;
    }

    @Mutation
    @Description("Adds records to a static segment; adding a member again changes nothing")
    public SegmentView addSegmentMembers(@NonNull @Id String segmentId, @NonNull List<String> ids) {
        return segments.addMembers(graphql.id(segmentId), new MembersInput(ids.stream().map(graphql::id).toList()));
    }

    @Mutation
    @Description("Takes a record out of a static segment")
    public boolean removeSegmentMember(@NonNull @Id String segmentId, @NonNull @Id String recordId) {
        segments.removeMember(graphql.id(segmentId), graphql.id(recordId));
        return true;
    }

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

    @Name("segments")
    @Description("The live segments the contact belongs to (dynamic and static); needs segments:read")
    public List<List<SegmentView>> contactSegments(@Source List<ContactView> contacts) {
        return of("contact", contacts.stream().map(ContactView::id).toList());
    }

    @Name("segments")
    @Description("The live segments the company belongs to (dynamic and static); needs segments:read")
    public List<List<SegmentView>> companySegments(@Source List<CompanyView> companies) {
        return of("company", companies.stream().map(CompanyView::id).toList());
    }

    @Name("segments")
    @Description("The live segments the deal belongs to (dynamic and static); needs segments:read")
    public List<List<SegmentView>> dealSegments(@Source List<DealView> deals) {
        return of("deal", deals.stream().map(DealView::id).toList());
    }

    private List<List<SegmentView>> of(String objectType, List<UUID> ids) {
        Map<UUID, List<SegmentView>> found = segments.segmentsOf(objectType, ids);
        return ids.stream().map(id -> found.getOrDefault(id, List.of())).toList();
    }

    @Description("The segment's active members in id order; needs the read scope of its object type too")
    public SegmentMemberConnection members(@Source SegmentView segment, Integer first, String after) {
        return SegmentMemberConnection.of(segments.members(segment.id(),
                ListRequest.of(null, null, null, first, after)));
    }
}
