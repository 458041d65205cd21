package dev.torre.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import dev.torre.platform.persistence.TenantEntity;

/** An order placed in the tenant's shop, synced by its order number. Written only by {@link OrderService}. */
@Entity(name = "SalesOrder")
@Table(name = "sales_order")
public class Order extends TenantEntity {

    @Column(name = "external_id")
    public String externalId;

    @Column(name = "contact_id", nullable = false)
    public UUID contactId;

    @Column(name = "company_id")
    public UUID companyId;

    @Column(nullable = false)
    public OrderStatus status;

    @Column(nullable = false)
    public String currency;

    @Column(name = "total_amount", nullable = false)
    public BigDecimal totalAmount;

    @Column(name = "placed_at", nullable = false)
    public Instant placedAt;

    public String source;

    /** The lines, loaded from order_line by the service. */
    @Transient
    public List<OrderInput.Line> lines = new ArrayList<>();

    // getters for the query layer's field registry
    public Instant placedAt() {
        return placedAt;
    }

    public BigDecimal totalAmount() {
        return totalAmount;
    }
}
