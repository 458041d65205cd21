package dev.torre.deal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import dev.torre.company.CompanyService;
import dev.torre.company.CompanyView;
import dev.torre.contact.ContactLookupService;
import dev.torre.contact.ContactView;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.graphql.GraphQLInputs;
import dev.torre.platform.graphql.TranslateErrors;
import dev.torre.platform.graphql.WhereInput;
import dev.torre.platform.input.Inputs;

/** GraphQL for deals and pipelines, and the deals of contacts and companies; nested fields load in batches. */
@GraphQLApi
@TranslateErrors
public class DealGraphQL {

    private static final int MAX_NESTED = 50;

    @Inject
    DealService deals;

    @Inject
    PipelineService pipelines;

    @Inject
    ContactLookupService contacts;

    @Inject
    CompanyService companies;

    @Inject
    GraphQLInputs graphql;

    @Inject
    Inputs inputs;

    @Query
    @Description("A deal by id")
    public DealView deal(@NonNull @Id String id) {
        return deals.get(graphql.id(id));
    }

    @Query
    @Description("Deals, filtered by SCIM text (filter) and/or a structured where, sorted, in pages")
    public DealConnection deals(String filter, WhereInput where, List<String> sort, Integer first, String after) {
        return DealConnection.of(deals.list(graphql.listRequest(filter, where, sort, first, after)));
    }

    @Query
    @Description("The tenant's pipelines with their stages, the default one first")
    public List<PipelineView> pipelines() {
        return pipelines.list();
    }

    @Query
    @Description("A pipeline by id")
    public PipelineView pipeline(@NonNull @Id String id) {
        return pipelines.get(graphql.id(id));
    }

    @Mutation
    public DealView createDeal(@NonNull DealWrite input) {
        return deals.create(inputs.bind(graphql.toPatch(input, null), DealInput.class));
    }

    @Mutation
    @Description("Changes the fields given; fields named in clear are emptied. Fails if the deal moved past expectedVersion.")
    public DealView updateDeal(@NonNull @Id String id, @NonNull DealWrite input, List<String> clear, Long expectedVersion) {
        return deals.update(graphql.id(id), graphql.toPatch(input, clear), expectedVersion);
    }

    @Mutation
    @Description("Moves a deal to a stage (of any pipeline); a lost stage needs lostReason")
    public DealView moveDeal(@NonNull @Id String id, @NonNull @Id String stageId, String lostReason, Long expectedVersion) {
        return deals.move(graphql.id(id), graphql.id(stageId), lostReason, expectedVersion);
    }

    @Mutation
    @Description("Archives the deal (it can be restored over REST)")
    public boolean deleteDeal(@NonNull @Id String id) {
        deals.archive(graphql.id(id));
        return true;
    }

    @Mutation
    public PipelineView createPipeline(@NonNull PipelineInput input) {
        return pipelines.create(input);
    }

    @Description("Custom fields as a JSON object in text")
    public String properties(@Source DealView deal) {
        return graphql.properties("deal", deal.id(), deal.properties());
    }

    @Description("The deal's stage history, oldest first")
    public List<List<StageChangeView>> stageHistory(@Source List<DealView> sources) {
        Map<UUID, List<StageChangeView>> found = deals.stageHistories(sources.stream().map(DealView::id).toList());
        return sources.stream().map(d -> found.getOrDefault(d.id(), List.of())).toList();
    }

    @Description("The deal's primary contact")
    public List<ContactView> contact(@Source List<DealView> sources) {
        return lookUp(sources, DealView::contactId, contacts::byIds);
    }

    @Description("The deal's company")
    public List<CompanyView> company(@Source List<DealView> sources) {
        return lookUp(sources, DealView::companyId, companies::byIds);
    }

    @Name("contacts")
    @Description("The deal's other contacts with their roles")
    public List<List<DealParticipantView>> participants(@Source List<DealView> sources) {
        Set<UUID> ids = new LinkedHashSet<>();
        sources.forEach(d -> d.contacts().forEach(p -> ids.add(p.contactId())));
        Map<UUID, ContactView> found = ids.isEmpty() ? Map.of() : contacts.byIds(ids);
        return sources.stream().map(d -> d.contacts().stream()
                .filter(p -> found.containsKey(p.contactId()))
                .map(p -> new DealParticipantView(p.role(), found.get(p.contactId()))).toList()).toList();
    }

    @Name("deals")
    @Description("The contact's deals (as primary or other contact), newest first")
    public List<List<DealView>> dealsOfContacts(@Source List<ContactView> sources, @DefaultValue("10") int first) {
        List<UUID> ids = sources.stream().map(ContactView::id).toList();
        Map<UUID, List<DealView>> found = deals.firstOf("contact", ids, checked(first));
        return ids.stream().map(id -> found.getOrDefault(id, List.of())).toList();
    }

    @Name("deals")
    @Description("The company's deals, newest first")
    public List<List<DealView>> dealsOfCompanies(@Source List<CompanyView> sources, @DefaultValue("10") int first) {
        List<UUID> ids = sources.stream().map(CompanyView::id).toList();
        Map<UUID, List<DealView>> found = deals.firstOf("company", ids, checked(first));
        return ids.stream().map(id -> found.getOrDefault(id, List.of())).toList();
    }

    private static int checked(int first) {
        if (first < 1 || first > MAX_NESTED) {
            throw new TorreException(ErrorCode.INVALID_QUERY, "first must be between 1 and " + MAX_NESTED,
                    List.of(new FieldError("first", "out_of_range", "Between 1 and " + MAX_NESTED)));
        }
        return first;
    }

    private static <V> List<V> lookUp(List<DealView> sources, Function<DealView, UUID> key, Function<Set<UUID>, Map<UUID, V>> load) {
        Set<UUID> ids = new LinkedHashSet<>();
        sources.forEach(d -> {
            if (key.apply(d) != null) {
                ids.add(key.apply(d));
            }
        });
        Map<UUID, V> found = ids.isEmpty() ? Map.of() : load.apply(ids);
        List<V> result = new ArrayList<>(sources.size());
        sources.forEach(d -> result.add(key.apply(d) == null ? null : found.get(key.apply(d))));
        return result;
    }
}
