package dev.torre.product;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.torre.platform.access.Access;
import dev.torre.platform.access.GuardedType;

/** Products under the access policy: sales keeps the catalogue, every team reads it. */
public class ProductAccess {

    @Produces
    @Singleton
    GuardedType productType() {
        return new GuardedType("product", "products", "Product", ProductView.class,
                List.of("sku", "name", "price", "currency", "category", "externalId"),
                Map.of("readonly", Access.READ, "sales", Access.READ_WRITE, "service", Access.READ, "marketing", Access.READ,
                        "legal", Access.READ, "finance", Access.READ));
    }
}
