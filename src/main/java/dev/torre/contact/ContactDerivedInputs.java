package dev.torre.contact;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.torre.platform.access.DerivedInputs;

/**
 * What the contact filter fields read from other records: a role that may not see those records (or the field read)
 * may not filter contacts by them, since the matches would tell it what it may not read.
 */
@ApplicationScoped
class ContactDerivedInputs implements DerivedInputs {

    @Override
    public Optional<List<Input>> inputs(String type, String field) {
        if (!"contact".equals(type)) {
            return Optional.empty();
        }
        return switch (field) {
            case "lastMessageStatus" -> Optional.of(List.of(new Input("interaction", "status")));
            case "purchases.category" -> Optional.of(List.of(new Input("order", null), new Input("product", "category")));
            case "purchases.productId" -> Optional.of(List.of(new Input("order", null)));
            case "purchases.sku" -> Optional.of(List.of(new Input("order", null), new Input("product", "sku")));
            default -> Optional.empty();
        };
    }
}
