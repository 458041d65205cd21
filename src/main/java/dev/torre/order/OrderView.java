package dev.torre.order;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Type;

import dev.torre.platform.money.Money;

/** An order as the API shows it, its lines with their totals. */
@Type("Order")
public record OrderView(
        @Id UUID id,
        String externalId,
        @Id UUID contactId,
        @Id UUID companyId,
        OrderStatus status,
        String currency,
        List<Line> lines,
        String total,
        Instant placedAt,
        String source,
        long version,
        Instant createdAt,
        Instant updatedAt,
        Instant archivedAt) {

    /** An order line with its amount. */
    @Type("OrderLine")
    public record Line(@Id UUID productId, String sku, int quantity, String unitPrice, String discount, String total) {
    }

    static OrderView of(Order o) {
        List<Line> lines = o.lines.stream().map(l -> new Line(l.productId(), l.sku(), l.quantity(), l.unitPrice(), l.discount(),
                Money.format(l.total(), o.currency))).toList();
        return new OrderView(o.id, o.externalId, o.contactId, o.companyId, o.status, o.currency, lines,
                Money.format(o.totalAmount, o.currency), o.placedAt, o.source, o.version, o.createdAt, o.updatedAt, o.archivedAt);
    }
}
