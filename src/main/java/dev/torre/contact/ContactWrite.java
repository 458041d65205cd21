package dev.torre.contact;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

/** The GraphQL input for creating or changing a contact; checked by the same rules as REST. */
@Input("ContactInput")
public record ContactWrite(
        String firstName,
        String lastName,
        String email,
        String phone,
        UUID companyId,
        LifecycleStage lifecycleStage,
        String ownerId,
        SourceWrite source,
        List<String> tags,
        String externalId,
        @Description("Custom fields as a JSON object in text, e.g. {\"plan\":\"pro\"}; on update it is merged") String properties,
        @Description("IANA time zone (Europe/Madrid); workflow messages keep quiet hours in it (else the tenant's)") String timeZone) {

    /** UTM attribution. */
    @Input("SourceInput")
    public record SourceWrite(String utmSource, String utmMedium, String utmCampaign) {
    }
}
