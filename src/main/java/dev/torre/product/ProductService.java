package dev.torre.product;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;

import com.fasterxml.jackson.databind.JsonNode;

import dev.torre.platform.batch.BatchRequest;
import dev.torre.platform.batch.BatchResult;
import dev.torre.platform.batch.BatchUpsert;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.money.Money;
import dev.torre.platform.persistence.RecordStore;
import dev.torre.platform.query.ListRequest;
import dev.torre.platform.query.Lists;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.rest.Page;
import dev.torre.platform.security.RequiresScope;

/** The only place that writes products. */
@ApplicationScoped
public class ProductService extends RecordStore<Product, ProductInput> {

    private static final List<Key<Product, ProductInput>> KEYS = List.of(
            new Key<>("externalId", "external_id", false, false, p -> p.externalId, ProductInput::externalId),
            new Key<>("sku", "sku", true, false, p -> p.sku, ProductInput::sku));
    private static final Map<String, String> UNIQUE_INDEXES = Map.of(
            "product_sku_uq", "sku", "product_external_id_uq", "externalId");

    @Inject
    Lists lists;

    @Inject
    BatchUpsert batches;

    @Transactional
    @RequiresScope("products:write")
    public ProductView create(@Valid ProductInput input) {
        return ProductView.of(createOne(input));
    }

    @RequiresScope("products:read")
    public ProductView get(UUID id) {
        return ProductView.of(find(id));
    }

    @Transactional
    @RequiresScope("products:write")
    public ProductView update(UUID id, JsonNode mergePatch, Long expectedVersion) {
        return ProductView.of(updateOne(id, mergePatch, expectedVersion));
    }

    @Transactional
    @RequiresScope("products:write")
    public void archive(UUID id) {
        archiveOne(id);
    }

    @Transactional
    @RequiresScope("products:write")
    public ProductView restore(UUID id) {
        return ProductView.of(restoreOne(id));
    }

    @RequiresScope("products:read")
    public Page<ProductView> list(ListRequest request) {
        return lists.page(Product.class, "product", ProductFields.REGISTRY, request, SqlFragment.EMPTY).map(ProductView::of);
    }

    @RequiresScope("products:write")
    public BatchResult batchUpsert(@Valid BatchRequest request) {
        return batches.run(this, request, UNIQUE_INDEXES, "/v1/products/batch/upsert");
    }

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
    protected String label() {
        return "product";
    }

    @Override
    protected Class<Product> entityType() {
        return Product.class;
    }

    @Override
    protected String table() {
        return "product";
    }

    @Override
    public Class<ProductInput> inputType() {
        return ProductInput.class;
    }

    @Override
    protected Product newEntity() {
        return new Product();
    }

    @Override
    protected List<Key<Product, ProductInput>> keys() {
        return KEYS;
    }

    @Override
    protected Map<String, String> uniqueIndexes() {
        return UNIQUE_INDEXES;
    }

    @Override
    public ProductInput inputOf(Product p) {
        return new ProductInput(p.sku, p.name, Money.format(p.price, p.currency), p.currency, p.category, p.active, p.externalId);
    }

    @Override
    public ProductInput normalise(ProductInput in) {
        String currency = Money.currency("currency", in.currency());
        BigDecimal price = Money.amount("price", in.price(), false);
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
