package dev.torre.deal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

/** The GraphQL input for creating or changing a deal; checked by the same rules as REST. */
@Input("DealInput")
public record DealWrite(
        String name,
        @Description("A decimal string with no more decimals than the currency's minor unit (2 for EUR, 0 for JPY)") String amount,
        @Description("ISO 4217 code") String currency,
        UUID pipelineId,
        UUID stageId,
        BigDecimal probability,
        LocalDate expectedCloseDate,
        String ownerId,
        UUID contactId,
        UUID companyId,
        List<PartyWrite> contacts,
        String source,
        String lostReason,
        String externalId,
        @Description("Custom fields as a JSON object in text; on update it is merged") String properties) {

    /** A contact of the deal and their role. */
    @Input("DealContactInput")
    public record PartyWrite(UUID contactId, String role) {
    }
}
