package dev.torre.deal;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.torre.platform.access.Access;
import dev.torre.platform.access.GuardedType;

/**
 * Deals under the access policy (pipelines and their stages share the {@code deals} scopes):
 * sales works them, the other teams read them, and service does not see their amounts.
 */
public class DealAccess {

    @Produces
    @Singleton
    GuardedType dealType() {
        return new GuardedType("deal", "deals", "Deal", DealView.class,
                List.of("name", "amount", "currency", "probability", "expectedCloseDate", "ownerId", "contactId", "companyId",
                        "source", "lostReason", "externalId", "properties"),
                Map.of("readonly", Access.READ, "sales", Access.READ_WRITE, "service", Access.READ.hiding("amount"),
                        "marketing", Access.READ, "legal", Access.READ, "finance", Access.READ));
    }
}
