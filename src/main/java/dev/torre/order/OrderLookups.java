package dev.torre.order;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import dev.torre.contact.ContactIntakeService;
import dev.torre.product.ProductService;
import dev.torre.product.ProductView;

/**
 * What the orders of one request refer to — products by SKU or id, buyers by email —
 * read in one query per kind for a whole batch, and the buyers whose purchases changed.
 */
@RequestScoped
class OrderLookups {

    @Inject
    ProductService products;

    @Inject
    ContactIntakeService contacts;

    private final Map<String, ProductView> bySku = new HashMap<>();
    private final Map<UUID, ProductView> byId = new HashMap<>();
    private final Set<String> skusAsked = new HashSet<>();
    private final Set<UUID> idsAsked = new HashSet<>();
    private final Map<String, UUID> buyers = new HashMap<>();
    private final Set<String> emailsAsked = new HashSet<>();
    private final Set<UUID> touched = new LinkedHashSet<>();

    /** Reads, in one query per kind, what the items of a batch will ask for. */
    void preload(List<JsonNode> items) {
        Set<String> skus = new HashSet<>();
        Set<UUID> ids = new HashSet<>();
        Set<String> emails = new HashSet<>();
        for (JsonNode item : items) {
            if (item != null && item.path("email").isTextual()) {
                emails.add(item.get("email").asText().trim().toLowerCase(Locale.ROOT));
            }
            for (JsonNode line : item == null ? List.<JsonNode>of() : item.path("lines")) {
                if (line.path("sku").isTextual()) {
                    skus.add(line.get("sku").asText().trim());
                }
                if (line.path("productId").isTextual()) {
                    try {
                        ids.add(UUID.fromString(line.get("productId").asText()));
                    } catch (IllegalArgumentException notAnId) {
                        // reported when the item is read
                    }
                }
            }
        }
        loadProducts(skus, ids);
        loadBuyers(emails);
    }

    ProductView productBySku(String sku) {
        if (!skusAsked.contains(sku)) {
            loadProducts(Set.of(sku), Set.of());
        }
        return bySku.get(sku);
    }

    ProductView productById(UUID id) {
        if (!idsAsked.contains(id)) {
            loadProducts(Set.of(), Set.of(id));
        }
        return byId.get(id);
    }

    /** The active contact with this (lower-case) email, or null. */
    UUID buyer(String email) {
        if (!emailsAsked.contains(email)) {
            loadBuyers(Set.of(email));
        }
        return buyers.get(email);
    }

    /** The buyer with this email, created as a customer of the shop when there is none yet. */
    UUID buyerOrNew(String email, String shop) {
        UUID id = buyer(email);
        if (id == null) {
            id = contacts.createCustomer(email, shop == null ? "shop" : shop);
            buyers.put(email, id);
        }
        return id;
    }

    void touched(UUID contactId) {
        if (contactId != null) {
            touched.add(contactId);
        }
    }

    /** The contacts whose orders changed, once each; forgets them. */
    Set<UUID> drainTouched() {
        Set<UUID> all = new LinkedHashSet<>(touched);
        touched.clear();
        return all;
    }

    private void loadProducts(Collection<String> skus, Collection<UUID> ids) {
        List<String> newSkus = skus.stream().filter(s -> !skusAsked.contains(s)).toList();
        List<UUID> newIds = ids.stream().filter(i -> !idsAsked.contains(i)).toList();
        skusAsked.addAll(newSkus);
        idsAsked.addAll(newIds);
        products.forLines(newSkus, newIds).forEach(p -> {
            bySku.put(p.sku(), p);
            byId.put(p.id(), p);
        });
    }

    private void loadBuyers(Collection<String> emails) {
        List<String> fresh = emails.stream().filter(e -> !emailsAsked.contains(e)).toList();
        emailsAsked.addAll(fresh);
        if (!fresh.isEmpty()) {
            // claimed before they are looked up: a concurrent order for the same new buyer waits, then finds it
            contacts.claimKeys(Map.of("email", fresh));
            buyers.putAll(contacts.idsByEmail(fresh));
        }
    }
}
