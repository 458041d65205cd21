package dev.torre.contact;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.graphql.Type;

import dev.torre.platform.money.Money;

/**
 * What a contact has bought: paid and fulfilled orders, their first and last dates, and
 * the lifetime value summed per currency (amounts in different currencies are never converted).
 */
@Type("Purchases")
public record PurchasesView(int orderCount, Instant firstOrderAt, Instant lastOrderAt, List<Money> lifetimeValue) {

    public static final PurchasesView NONE = new PurchasesView(0, null, null, List.of());

    /** From amounts per currency, listed by currency code. */
    public static PurchasesView of(int orderCount, Instant first, Instant last, Map<String, BigDecimal> valueByCurrency) {
        List<Money> value = valueByCurrency.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> Money.of(e.getValue(), e.getKey())).toList();
        return new PurchasesView(orderCount, first, last, value);
    }
}
