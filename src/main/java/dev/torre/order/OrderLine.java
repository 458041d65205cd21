package dev.torre.order;

import java.math.BigDecimal;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import dev.torre.platform.persistence.TenantEntity;

/** One line of an order: a product, how many, at what price, less a discount. Replaced, never changed. */
@Entity
@Table(name = "order_line")
public class OrderLine extends TenantEntity {

    @Column(name = "order_id", nullable = false, updatable = false)
    public UUID orderId;

    @Column(nullable = false, updatable = false)
    public int position;

    @Column(name = "product_id", nullable = false, updatable = false)
    public UUID productId;

    @Column(nullable = false, updatable = false)
    public String sku;

    @Column(nullable = false, updatable = false)
    public int quantity;

    @Column(name = "unit_price", nullable = false, updatable = false)
    public BigDecimal unitPrice;

    @Column(nullable = false, updatable = false)
    public BigDecimal discount;

    @Column(name = "line_total", nullable = false, updatable = false)
    public BigDecimal lineTotal;

    static OrderLine of(UUID orderId, int position, OrderInput.Line line) {
        OrderLine row = new OrderLine();
        row.orderId = orderId;
        row.position = position;
        row.productId = line.productId();
        row.sku = line.sku();
        row.quantity = line.quantity();
        row.unitPrice = new BigDecimal(line.unitPrice());
        row.discount = new BigDecimal(line.discount());
        row.lineTotal = line.total();
        return row;
    }
}
