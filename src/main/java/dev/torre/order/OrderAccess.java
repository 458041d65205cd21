package dev.torre.order;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.torre.platform.access.Access;
import dev.torre.platform.access.GuardedType;

/** Orders under the access policy: sales (and shop integrations) write them; finance and legal read them. */
public class OrderAccess {

    @Produces
    @Singleton
    GuardedType orderType() {
        return new GuardedType("order", "orders", "Order", OrderView.class,
                List.of("externalId", "contactId", "companyId", "status", "currency", "lines", "total", "placedAt", "source"),
                Map.of("readonly", Access.READ, "sales", Access.READ_WRITE, "legal", Access.READ, "finance", Access.READ));
    }
}
