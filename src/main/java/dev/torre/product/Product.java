package dev.torre.product;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import dev.torre.platform.persistence.TenantEntity;

/** Something the tenant sells, known to its shop by SKU. Written only by {@link ProductService}. */
@Entity
@Table(name = "product")
public class Product extends TenantEntity {

    @Column(nullable = false)
    public String sku;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public BigDecimal price;

    @Column(nullable = false)
    public String currency;

    public String category;

    @Column(nullable = false)
    public boolean active = true;

    @Column(name = "external_id")
    public String externalId;

    public String sku() {
        return sku;
    }

    public String name() {
        return name;
    }

    public BigDecimal price() {
        return price;
    }
}
