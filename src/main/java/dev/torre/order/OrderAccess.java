package dev.torre.order;

import java.util.Map;
import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.torre.platform.access.Access;
import dev.torre.platform.access.GuardedType;

/** Orders under the access policy: sales (and shop integrations) write them; finance and legal read them. */
public class OrderAccess {

    @Produces
    @Singleton
    GuardedType orderType() {
        return GuardedType.of(OrderService.KIND, OrderView.class, Set.of(), Set.of(),
                Map.of("readonly", Access.READ, "sales", Access.READ_WRITE, "legal", Access.READ, "finance", Access.READ));
    }
}
