package dev.torre.product;

import java.util.Map;
import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.torre.platform.access.Access;
import dev.torre.platform.access.GuardedType;

/**
 * Products under the access policy: sales keeps the catalogue, every team reads it. No policy hides whether a
 * product can be sold.
 */
public class ProductAccess {

    @Produces
    @Singleton
    GuardedType productType() {
        return GuardedType.of(ProductService.KIND, ProductView.class, Set.of("active"), Set.of(),
                Map.of("readonly", Access.READ, "sales", Access.READ_WRITE, "service", Access.READ, "marketing", Access.READ,
                        "legal", Access.READ, "finance", Access.READ));
    }
}
