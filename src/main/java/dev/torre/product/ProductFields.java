package dev.torre.product;

import dev.torre.platform.query.FieldRegistry;
import dev.torre.platform.query.FieldType;

/** What lists and searches may filter and sort products by. */
final class ProductFields {

    static final FieldRegistry<Product> REGISTRY = FieldRegistry.<Product>builder("product", "c.id", Product::id)
            .field("sku", "c.sku", FieldType.STRING, Product::sku).sortable()
            .field("name", "c.name", FieldType.STRING, Product::name).sortable()
            .field("price", "c.price", FieldType.NUMBER, Product::price).sortable()
            .field("currency", "c.currency", FieldType.STRING, null)
            .field("category", "c.category", FieldType.STRING, null)
            .field("active", "c.active", FieldType.BOOLEAN, null)
            .field("externalId", "c.external_id", FieldType.STRING, p -> p.externalId).sortable()
            .field("createdAt", "c.created_at", FieldType.TIMESTAMP, Product::createdAt).sortable()
            .field("updatedAt", "c.updated_at", FieldType.TIMESTAMP, Product::updatedAt).sortable()
            .searchCovers("name", "sku", "category")
            .build();

    private ProductFields() {
    }
}
