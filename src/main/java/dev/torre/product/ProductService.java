package dev.torre.product;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.torre.platform.error.TorreException;
import dev.torre.platform.money.Money;
import dev.torre.platform.persistence.RecordService;

/** The only place that writes products. */
@ApplicationScoped
public class ProductService extends RecordService<Product, ProductInput, ProductView> {

    private static final List<Key<Product, ProductInput>> KEYS = List.of(
            new Key<>("externalId", "external_id", false, false, p -> p.externalId, ProductInput::externalId),
            new Key<>("sku", "sku", true, false, p -> p.sku, ProductInput::sku));
    private static final Map<String, String> UNIQUE_INDEXES = Map.of(
            "product_sku_uq", "sku", "product_external_id_uq", "externalId");

    static final Kind<Product, ProductInput> KIND = new Kind<>(
            "product", Product.class, Product::new, ProductInput.class,
            "product", "products", "/v1/products", ProductFields.REGISTRY, KEYS, UNIQUE_INDEXES);

    /**
     * Active products named by SKU or by id, one query for both: what order lines refer to.
     * Order writes call it under their own scope, so it asks for none.
     */
    public List<ProductView> forLines(Collection<String> skus, Collection<UUID> ids) {
        List<ProductView> found = new ArrayList<>();
        if (!skus.isEmpty() || !ids.isEmpty()) {
            em.createQuery("from Product p where p.archivedAt is null and (p.sku in :skus or p.id in :ids)", Product.class)
                    .setParameter("skus", skus.isEmpty() ? List.of("") : skus)
                    .setParameter("ids", ids.isEmpty() ? List.of(new UUID(0, 0)) : ids)
                    .getResultList().forEach(p -> found.add(ProductView.of(p)));
        }
        return found;
    }

    @Override
    protected ProductView view(Product product) {
        return ProductView.of(product);
    }

    @Override
    protected Kind<Product, ProductInput> kind() {
        return KIND;
    }

    @Override
    public ProductInput inputOf(Product p) {
        return new ProductInput(p.sku, p.name, Money.format(p.price, p.currency), p.currency, p.category, p.active, p.externalId);
    }

    @Override
    public ProductInput normalise(ProductInput in) {
        String currency = Money.currency("currency", in.currency());
        BigDecimal price = Money.amount("price", in.price(), currency, false);
        return new ProductInput(in.sku().trim(), in.name().trim(), Money.format(price, currency), currency,
                blankToNull(in.category()), in.active() == null || in.active(), blankToNull(in.externalId()));
    }

    @Override
    public Map<Integer, TorreException> checkReferences(Map<Integer, ProductInput> inputs) {
        return Map.of();
    }

    @Override
    protected void apply(Product p, ProductInput in) {
        p.sku = in.sku();
        p.name = in.name();
        p.price = new BigDecimal(in.price());
        p.currency = in.currency();
        p.category = in.category();
        p.active = in.active();
        p.externalId = in.externalId();
    }
}
