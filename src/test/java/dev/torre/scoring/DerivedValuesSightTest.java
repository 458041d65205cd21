package dev.torre.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Which derived values a caller sees, given what its roles hide and may not read. */
class DerivedValuesSightTest {

    private static final List<FeatureSource> SOURCES = List.of(
            FeatureSource.field("amount (log)", "deal", "amount"),
            FeatureSource.field("source = ", "deal", "source"),
            FeatureSource.field("order recency", "order", "status"),
            FeatureSource.field("order recency", "order", "placedAt"),
            FeatureSource.records("paid orders", "order"),
            FeatureSource.unguarded("model baseline"));

    private static DerivedValues.Sight sight(Set<String> unreadable, Map<String, Set<String>> hidden) {
        boolean restricted = !unreadable.isEmpty() || hidden.values().stream().anyMatch(h -> !h.isEmpty());
        return new DerivedValues.Sight(unreadable, hidden, restricted);
    }

    @Test
    void aFeatureOfAHiddenFieldIsWithheldAbsentOrPresent() {
        DerivedValues.Sight service = sight(Set.of(), Map.of("deal", Set.of("amount")));
        assertFalse(service.sees(SOURCES, "amount (log)"));
        assertFalse(service.sees(SOURCES, "amount (log) (absent)"));
        assertTrue(service.sees(SOURCES, "source = referral"));
        assertTrue(service.sees(SOURCES, "model baseline"));
    }

    @Test
    void everySourceOfAFeatureMustBeVisible() {
        DerivedValues.Sight noPlacedAt = sight(Set.of(), Map.of("order", Set.of("placedAt")));
        assertFalse(noPlacedAt.sees(SOURCES, "order recency"));
        assertTrue(noPlacedAt.sees(SOURCES, "paid orders"));
        DerivedValues.Sight noOrders = sight(Set.of("order"), Map.of());
        assertFalse(noOrders.sees(SOURCES, "paid orders"));
        assertFalse(noOrders.sees(SOURCES, "order recency"));
        assertTrue(noOrders.sees(SOURCES, "amount (log)"));
    }

    @Test
    void aFeatureOfUnknownOriginIsWithheldFromRestrictedCallersOnly() {
        assertFalse(sight(Set.of(), Map.of("deal", Set.of("amount"))).sees(SOURCES, "something new"));
        assertTrue(sight(Set.of(), Map.of()).sees(SOURCES, "something new"));
        assertTrue(DerivedValues.Sight.ALL.sees(SOURCES, "amount (log)"));
    }

    @Test
    void visibleKeepsTheOrderOfWhatRemains() {
        List<LogitPart> parts = List.of(new LogitPart("amount (log)", -1.2), new LogitPart("source = referral", 0.8),
                new LogitPart("paid orders", 0.1));
        assertEquals(List.of(parts.get(1), parts.get(2)),
                sight(Set.of(), Map.of("deal", Set.of("amount"))).visible(SOURCES, parts, LogitPart::name));
        assertEquals(parts, DerivedValues.Sight.ALL.visible(SOURCES, parts, LogitPart::name));
    }
}
