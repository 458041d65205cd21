package dev.torre.contact;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

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
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.graphql.GraphQLInputs;
import dev.torre.platform.graphql.TranslateErrors;
import dev.torre.platform.graphql.WhereInput;
import dev.torre.platform.input.Inputs;

/** GraphQL for contacts, and a company's contacts; every field resolves through the services, in batches. */
@GraphQLApi
@TranslateErrors
public class ContactGraphQL {

    private static final int MAX_NESTED = 50;

    @Inject
    ContactService contacts;

    @Inject
    CompanyService companies;

    @Inject
    GraphQLInputs graphql;

    @Inject
    Inputs inputs;

    @Query
    @Description("A contact by id")
    public ContactView contact(@NonNull @Id String id) {
        return contacts.get(graphql.id(id));
    }

    @Query
    @Description("Contacts, filtered by SCIM text (filter) and/or a structured where, sorted, in pages")
    public ContactConnection contacts(String filter, WhereInput where, List<String> sort, Integer first, String after) {
        return ContactConnection.of(contacts.list(graphql.listRequest(filter, where, sort, first, after)));
    }

    @Mutation
    @Description("Creates a contact; one that looks like a stored one fails with CONFLICT and extensions.duplicates naming the matches, unless onDuplicate is CREATE")
    public ContactView createContact(@NonNull ContactWrite input, dev.torre.platform.persistence.OnDuplicate onDuplicate) {
        return contacts.create(inputs.bind(graphql.toPatch(input, null), ContactInput.class),
                onDuplicate == null ? dev.torre.platform.persistence.OnDuplicate.REJECT : onDuplicate);
    }

    @Mutation
    @Description("Changes the fields given; fields named in clear are emptied. Fails if the contact moved past expectedVersion.")
    public ContactView updateContact(@NonNull @Id String id, @NonNull ContactWrite input, List<String> clear, Long expectedVersion) {
        return contacts.update(graphql.id(id), graphql.toPatch(input, clear), expectedVersion);
    }

    @Mutation
    @Description("Archives the contact (it can be restored over REST)")
    public boolean deleteContact(@NonNull @Id String id) {
        contacts.archive(graphql.id(id));
        return true;
    }

    @Description("Custom fields as a JSON object in text")
    public String properties(@Source ContactView contact) {
        return graphql.properties("contact", contact.id(), contact.properties());
    }

    @Description("The contact's company")
    public List<CompanyView> company(@Source List<ContactView> sources) {
        Set<UUID> ids = new LinkedHashSet<>();
        sources.forEach(c -> {
            if (c.companyId() != null) {
                ids.add(c.companyId());
            }
        });
        Map<UUID, CompanyView> found = ids.isEmpty() ? Map.of() : companies.byIds(ids);
        List<CompanyView> result = new ArrayList<>(sources.size());
        sources.forEach(c -> result.add(c.companyId() == null ? null : found.get(c.companyId())));
        return result;
    }

    @Name("contacts")
    @Description("The company's first contacts, oldest first")
    public List<List<ContactView>> contactsOfCompanies(@Source List<CompanyView> sources, @DefaultValue("10") int first) {
        if (first < 1 || first > MAX_NESTED) {
            throw new TorreException(ErrorCode.INVALID_QUERY, "first must be between 1 and " + MAX_NESTED,
                    List.of(new FieldError("first", "out_of_range", "Between 1 and " + MAX_NESTED)));
        }
        List<UUID> ids = sources.stream().map(CompanyView::id).toList();
        Map<UUID, List<ContactView>> byCompany = contacts.firstOfCompanies(ids, first);
        return ids.stream().map(id -> byCompany.getOrDefault(id, List.of())).toList();
    }
}
