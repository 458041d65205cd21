package dev.torre.contact;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Type;

import dev.torre.platform.money.Money;

/** A contact as the API shows it. */
@Type("Contact")
public record ContactView(
        @Id UUID id,
        String firstName,
        String lastName,
        String email,
        String phone,
        UUID companyId,
        LifecycleStage lifecycleStage,
        String ownerId,
        ContactInput.Source source,
        List<String> tags,
        String externalId,
        @Ignore Map<String, Object> properties,
        long version,
        Instant createdAt,
        Instant updatedAt,
        Instant archivedAt,
        @Description("Paid and fulfilled orders: count, first and last dates, lifetime value per currency") PurchasesView purchases,
        @Description("The lead score (0-100), kept current by scoring; see score for its explanation") Integer leadScore,
        @Description("Customers only: the chance (0-1) of no paid order and no inbound interaction within the churn window, once a churn model is ready; see churn for its explanation") BigDecimal churnRisk,
        Instant lastInteractionAt,
        Instant lastInboundAt,
        @Description("Set when this contact was merged into another (it is then archived): the survivor's id") UUID mergedInto,
        @Description("IANA time zone; workflow messages keep quiet hours in it") String timeZone) {

    static ContactView of(Contact c) {
        return new ContactView(c.id, c.firstName, c.lastName, c.email, c.phone, c.companyId, c.lifecycleStage, c.ownerId,
                source(c), List.copyOf(c.tags), c.externalId, c.properties, c.version, c.createdAt, c.updatedAt, c.archivedAt,
                purchases(c), c.leadScore, c.churnRisk == null ? null : c.churnRisk.stripTrailingZeros(), c.lastInteractionAt, c.lastInboundAt,
                c.mergedInto, c.timeZone);
    }

    static PurchasesView purchases(Contact c) {
        return new PurchasesView(c.orderCount, c.firstOrderAt, c.lastOrderAt, c.lifetimeValue.entrySet().stream()
                .map(e -> new Money(e.getValue(), e.getKey())).toList());
    }

    static ContactInput.Source source(Contact c) {
        if (c.utmSource == null && c.utmMedium == null && c.utmCampaign == null) {
            return null;
        }
        return new ContactInput.Source(c.utmSource, c.utmMedium, c.utmCampaign);
    }
}
