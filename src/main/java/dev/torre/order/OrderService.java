package dev.torre.order;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.torre.company.CompanyService;
import dev.torre.contact.ContactActivityService;
import dev.torre.contact.ContactLookupService;
import dev.torre.contact.PurchasesView;
import dev.torre.platform.batch.BatchRequest;
import dev.torre.platform.batch.BatchResult;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.link.Links;
import dev.torre.platform.money.Money;
import dev.torre.platform.persistence.RecordService;
import dev.torre.platform.query.ListRequest;
import dev.torre.platform.query.Page;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.security.RequiresScope;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.time.CallerTime;
import dev.torre.product.ProductView;

/** The only place that writes orders: their lines and totals, status rules, and the buyers' purchase history. */
@ApplicationScoped
public class OrderService extends RecordService<Order, OrderInput, OrderView> {

    private static final List<Key<Order, OrderInput>> KEYS = List.of(
            new Key<>("externalId", "external_id", false, false, o -> o.externalId, OrderInput::externalId));
    private static final Map<String, String> UNIQUE_INDEXES = Map.of("sales_order_external_id_uq", "externalId");

    static final Kind<Order, OrderInput> KIND = new Kind<>(
            "order", Order.class, Order::new, OrderInput.class,
            "sales_order", "orders", "/v1/orders", OrderFields.REGISTRY, KEYS, UNIQUE_INDEXES);

    @Inject
    OrderLookups lookups;

    @Inject
    ContactLookupService contacts;

    @Inject
    ContactActivityService contactActivity;

    @Inject
    CompanyService companies;

    /** A new order changes its buyer's purchase history. */
    @Override
    protected Order createOne(OrderInput input) {
        Order order = super.createOne(input);
        refreshPurchases();
        return order;
    }

    @Override
    protected Order updateOne(UUID id, JsonNode mergePatch, Long expectedVersion) {
        Order order = super.updateOne(id, totalFollowsLines(mergePatch), expectedVersion);
        refreshPurchases();
        return order;
    }

    @Override
    protected void archiveOne(UUID id) {
        Order order = find(id);
        super.archiveOne(id);
        lookups.touched(order.contactId);
        refreshPurchases();
    }

    @Override
    protected Order restoreOne(UUID id) {
        Order order = super.restoreOne(id);
        lookups.touched(order.contactId);
        refreshPurchases();
        return order;
    }

    /** A contact's orders; 404 when the contact is not the tenant's. */
    @RequiresScope("orders:read")
    public Page<OrderView> listOfContact(UUID contactId, ListRequest request) {
        if (contacts.existing(Set.of(contactId)).isEmpty()) {
            throw TorreException.notFound("Contact " + contactId);
        }
        return page(request, SqlFragment.of("c.contact_id = ?", contactId));
    }

    /** Matched by the shop's order number (or id); the buyers' history follows, once for the whole batch. */
    @Override
    protected BatchResult upsertAll(BatchRequest request) {
        request.items().forEach(this::totalFollowsLines);
        lookups.preload(request.items());
        BatchResult result = super.upsertAll(request);
        refreshPurchases();
        return result;
    }

    /** The first {@code limit} active orders of each contact, latest first, in one query. */
    @RequiresScope("orders:read")
    public Map<UUID, List<OrderView>> latestOf(Collection<UUID> contactIds, int limit) {
        @SuppressWarnings("unchecked")
        List<Order> rows = em.createNativeQuery("""
                select * from (
                  select o.*, row_number() over (partition by o.contact_id order by o.placed_at desc, o.id desc) as position
                  from sales_order o where o.tenant_id = ?1 and o.contact_id = any(?2) and o.archived_at is null
                ) ranked where position <= ?3 order by contact_id, placed_at desc, id desc
                """, Order.class)
                .setParameter(1, TenantContext.current())
                .setParameter(2, contactIds.toArray(UUID[]::new))
                .setParameter(3, limit)
                .getResultList();
        loadLines(rows);
        Map<UUID, List<OrderView>> byContact = new LinkedHashMap<>();
        contactIds.forEach(id -> byContact.put(id, new ArrayList<>()));
        rows.forEach(o -> byContact.get(o.contactId).add(OrderView.of(o)));
        return byContact;
    }

    @Override
    protected Page<OrderView> page(ListRequest request, SqlFragment scope) {
        Page<Order> page = lists.page(Order.class, "sales_order", OrderFields.REGISTRY, request, scope);
        loadLines(page.data());
        return page.map(OrderView::of);
    }

    /**
     * A change of lines without a total means "compute it": the stored total must not be
     * carried over by the merge and then refused as a mismatch.
     */
    private JsonNode totalFollowsLines(JsonNode patch) {
        if (patch instanceof ObjectNode object && object.has("lines") && !object.has("total")) {
            object.putNull("total");
        }
        return patch;
    }

    /**
     * Recomputes, in SQL, the purchase summary of every buyer whose orders changed in this
     * request — paid and fulfilled orders, amounts summed per currency — and hands it to the contacts.
     */
    private void refreshPurchases() {
        Set<UUID> touched = lookups.drainTouched();
        if (!touched.isEmpty()) {
            em.flush();
            contactActivity.recordPurchases(touched, this::purchasesOf);
        }
    }

    /** Recomputes the purchase summary of these contacts from their orders (after their orders moved to them: a merge). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void refreshPurchasesOf(Set<UUID> buyers) {
        em.flush();
        contactActivity.recordPurchases(buyers, this::purchasesOf);
    }

    /** The purchase summary of these buyers, from their paid and fulfilled orders, in one query. */
    private Map<UUID, PurchasesView> purchasesOf(Set<UUID> touched) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select o.contact_id, o.currency, count(*), sum(o.total_amount), min(o.placed_at), max(o.placed_at)
                from sales_order o
                where o.tenant_id = ?1 and o.contact_id = any(?2) and o.archived_at is null and o.status in ('paid', 'fulfilled')
                group by o.contact_id, o.currency
                """).setParameter(1, TenantContext.current()).setParameter(2, touched.toArray(UUID[]::new)).getResultList();
        Map<UUID, List<Object[]>> byContact = new HashMap<>();
        rows.forEach(r -> byContact.computeIfAbsent((UUID) r[0], k -> new ArrayList<>()).add(r));
        Map<UUID, PurchasesView> purchases = new LinkedHashMap<>();
        for (UUID contact : touched) {
            List<Object[]> perCurrency = byContact.getOrDefault(contact, List.of());
            int count = 0;
            Instant first = null;
            Instant last = null;
            Map<String, BigDecimal> value = new LinkedHashMap<>();
            for (Object[] r : perCurrency) {
                count += ((Number) r[2]).intValue();
                value.put((String) r[1], (BigDecimal) r[3]);
                first = earliest(first, instant(r[4]));
                last = latest(last, instant(r[5]));
            }
            purchases.put(contact, PurchasesView.of(count, first, last, value));
        }
        return purchases;
    }

    private static Instant instant(Object value) {
        return value instanceof Timestamp t ? t.toInstant() : value instanceof java.time.OffsetDateTime o ? o.toInstant() : (Instant) value;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    // --- the order's own rules ---

    @Override
    protected Order find(UUID id) {
        Order order = super.find(id);
        loadLines(List.of(order));
        return order;
    }

    @Override
    public List<Order> findByKey(String key, Collection<Object> values) {
        List<Order> found = super.findByKey(key, values);
        loadLines(found);
        return found;
    }

    @Override
    public Order insert(OrderInput input) {
        Order order = super.insert(input);
        writeLines(order, input.lines());
        lookups.touched(order.contactId);
        return order;
    }

    @Override
    public boolean change(Order order, OrderInput input) {
        UUID before = order.contactId;
        boolean changed = super.change(order, input);
        if (changed) {
            if (!input.lines().equals(order.lines)) {
                writeLines(order, input.lines());
            }
            lookups.touched(before);
            lookups.touched(order.contactId);
        }
        return changed;
    }

    @Override
    public void checkChange(Order stored, OrderInput next) {
        if (next.status() != stored.status && !stored.status.next().contains(next.status())) {
            throw new TorreException(ErrorCode.INVALID_TRANSITION, "An order " + stored.status.wire() + " cannot become "
                    + next.status().wire() + "; from " + stored.status.wire() + " it may become: "
                    + OrderStatus.wireNames(stored.status.next()),
                    List.of(new FieldError("status", "invalid_transition", "Not reachable from " + stored.status.wire())));
        }
    }

    private void writeLines(Order order, List<OrderInput.Line> lines) {
        if (order.version > 0 || !order.lines.isEmpty()) {
            em.createQuery("from OrderLine l where l.orderId = :o", OrderLine.class).setParameter("o", order.id)
                    .getResultList().forEach(em::remove);
        }
        for (int i = 0; i < lines.size(); i++) {
            em.persist(OrderLine.of(order.id, i, lines.get(i)));
        }
        order.lines = new ArrayList<>(lines);
    }

    private void loadLines(List<Order> orders) {
        if (orders.isEmpty()) {
            return;
        }
        Map<UUID, Order> byId = new HashMap<>();
        orders.forEach(o -> {
            byId.put(o.id, o);
            o.lines = new ArrayList<>();
        });
        em.createQuery("from OrderLine l where l.orderId in :ids order by l.position", OrderLine.class)
                .setParameter("ids", byId.keySet()).getResultList()
                .forEach(l -> byId.get(l.orderId).lines.add(new OrderInput.Line(l.productId, l.sku, l.quantity,
                        Money.format(l.unitPrice, byId.get(l.orderId).currency), Money.format(l.discount, byId.get(l.orderId).currency))));
    }

    @Override
    protected void apply(Order o, OrderInput in) {
        o.externalId = in.externalId();
        o.contactId = in.contactId() != null ? in.contactId() : lookups.buyerOrNew(in.email(), in.source());
        o.companyId = in.companyId();
        o.status = in.status();
        o.currency = in.currency();
        o.totalAmount = new BigDecimal(in.total());
        o.placedAt = in.placedAt();
        o.source = in.source();
    }

    @Override
    protected Kind<Order, OrderInput> kind() {
        return KIND;
    }

    @Override
    public OrderInput inputOf(Order o) {
        return new OrderInput(o.externalId, o.contactId, null, o.companyId, o.status, o.currency, List.copyOf(o.lines),
                Money.format(o.totalAmount, o.currency), o.placedAt, o.source);
    }

    /**
     * Checks and completes a new order: the currency, each line's product (by SKU or id) and
     * prices, the amounts against the currency and the columns, the total against the lines, the buyer by email.
     */
    @Override
    public OrderInput normalise(OrderInput in) {
        return normalise(in, null);
    }

    /**
     * A change is checked like a new order, except that a line naming a product the order was
     * placed with keeps that product and SKU even if it has since been archived or renamed: an
     * old order must still be able to become paid or refunded.
     */
    @Override
    public OrderInput normaliseChange(Order stored, OrderInput next) {
        return normalise(next, stored);
    }

    private OrderInput normalise(OrderInput in, Order stored) {
        String currency = Money.currency("currency", in.currency());
        List<OrderInput.Line> lines = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < in.lines().size(); i++) {
            OrderInput.Line line = line(i, in.lines().get(i), currency, stored);
            lines.add(line);
            sum = sum.add(line.total());
        }
        String total = Money.format(Money.inRange("total", sum, "The sum of the lines"), currency);
        if (in.total() != null) {
            BigDecimal stated = Money.amount("total", in.total(), currency, false);
            if (stated.compareTo(sum) != 0) {
                throw new TorreException(ErrorCode.TOTAL_MISMATCH, "The order's total is " + Money.format(stated, currency)
                        + " but its lines add up to " + total + " " + currency,
                        List.of(new FieldError("total", "mismatch", "The lines add up to " + total)));
            }
        }
        UUID contactId = in.contactId();
        String email = in.email() == null || in.email().isBlank() ? null : in.email().trim().toLowerCase(Locale.ROOT);
        if (email != null) {
            contactId = lookups.buyer(email);
            email = contactId == null ? email : null;
        } else if (contactId == null) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, "contactId", "required", "An order needs its buyer: contactId or email");
        }
        Instant now = clock.now();
        Instant placedAt = in.placedAt() == null ? now
                : stored != null && in.placedAt().equals(stored.placedAt) ? stored.placedAt // checked when it moves, not on every change
                : CallerTime.past("placedAt", in.placedAt(), now);
        return new OrderInput(blankToNull(in.externalId()), contactId, email, in.companyId(),
                in.status() == null ? OrderStatus.PENDING : in.status(), currency, List.copyOf(lines), total, placedAt,
                blankToNull(in.source()));
    }

    /** A line completed from its product: the one the stored order was placed with when it names it, else an active one. */
    private OrderInput.Line line(int i, OrderInput.Line in, String currency, Order stored) {
        String at = "lines[" + i + "]";
        OrderInput.Line placed = stored == null ? null : placedWith(in, stored.lines);
        UUID productId;
        String sku;
        String listPrice;
        String listCurrency;
        if (placed != null) {
            productId = placed.productId();
            sku = placed.sku();
            listPrice = placed.unitPrice();
            listCurrency = stored.currency;
        } else {
            ProductView product = activeProduct(at, in);
            productId = product.id();
            sku = product.sku();
            listPrice = product.price();
            listCurrency = product.currency();
        }
        BigDecimal unitPrice;
        if (in.unitPrice() != null) {
            unitPrice = Money.amount(at + ".unitPrice", in.unitPrice(), currency, false);
        } else if (listCurrency.equals(currency)) {
            unitPrice = new BigDecimal(listPrice);
        } else {
            throw TorreException.invalidField(ErrorCode.VALIDATION, at + ".unitPrice", "required",
                    "The product is priced in " + listCurrency + ", not " + currency + ": give the unit price");
        }
        BigDecimal amount = Money.inRange(at + ".quantity", unitPrice.multiply(BigDecimal.valueOf(in.quantity())),
                "quantity × unitPrice");
        BigDecimal discount = in.discount() == null ? BigDecimal.ZERO
                : Money.amount(at + ".discount", in.discount(), currency, false);
        if (discount.compareTo(amount) > 0) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, at + ".discount", "out_of_range", "The discount exceeds the line's amount");
        }
        return new OrderInput.Line(productId, sku, in.quantity(), Money.format(unitPrice, currency), Money.format(discount, currency));
    }

    /** The stored line for the same product (by id, or by SKU when no id is given), or null. */
    private static OrderInput.Line placedWith(OrderInput.Line in, List<OrderInput.Line> placed) {
        String sku = in.sku() == null || in.sku().isBlank() ? null : in.sku().trim();
        for (OrderInput.Line line : placed) {
            boolean same = in.productId() != null
                    ? in.productId().equals(line.productId()) && (sku == null || sku.equals(line.sku()))
                    : sku != null && sku.equals(line.sku());
            if (same) {
                return line;
            }
        }
        return null;
    }

    private ProductView activeProduct(String at, OrderInput.Line in) {
        if (in.productId() != null) {
            ProductView product = lookups.productById(in.productId());
            if (product == null || in.sku() != null && !in.sku().trim().equals(product.sku())) {
                throw TorreException.invalidField(ErrorCode.VALIDATION, at + ".productId", "not_found",
                        "No active product with id " + in.productId() + (in.sku() == null ? "" : " and SKU " + in.sku()));
            }
            return product;
        }
        if (in.sku() != null && !in.sku().isBlank()) {
            ProductView product = lookups.productBySku(in.sku().trim());
            if (product == null) {
                throw TorreException.invalidField(ErrorCode.VALIDATION, at + ".sku", "not_found", "No active product with SKU " + in.sku().trim());
            }
            return product;
        }
        throw TorreException.invalidField(ErrorCode.VALIDATION, at + ".sku", "required", "Each line names its product by sku or productId");
    }

    @Override
    protected boolean referencesChanged(Order order, OrderInput next) {
        return !Objects.equals(next.contactId(), order.contactId) || !Objects.equals(next.companyId(), order.companyId);
    }

    @Override
    public Map<Integer, TorreException> checkReferences(Map<Integer, OrderInput> inputs) {
        Map<Integer, TorreException> failures = new LinkedHashMap<>();
        Links.check(inputs, failures, "contactId", "contact", OrderInput::contactId, contacts::existing);
        Links.check(inputs, failures, "companyId", "company", OrderInput::companyId, companies::existing);
        return failures;
    }

    @Override
    protected OrderView view(Order record) {
        return OrderView.of(record);
    }

}
