package dev.torre.segment;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
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
