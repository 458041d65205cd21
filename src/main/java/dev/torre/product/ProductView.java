package dev.torre.product;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Type;

import dev.torre.platform.money.Money;

/** A product as the API shows it. */
@Type("Product")
public record ProductView(@Id UUID id, String sku, String name, String price, String currency, String category, boolean active,
        String externalId, long version, Instant createdAt, Instant updatedAt, Instant archivedAt) {

    static ProductView of(Product p) {
        return new ProductView(p.id, p.sku, p.name, Money.format(p.price, p.currency), p.currency, p.category, p.active,
                p.externalId, p.version, p.createdAt, p.updatedAt, p.archivedAt);
    }
}
