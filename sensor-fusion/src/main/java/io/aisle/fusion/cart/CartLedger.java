package io.aisle.fusion.cart;

import io.aisle.vision.snapshot.SnapshotCodec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The carts of every shopper in the store: signed entries per shopper, in event order.
 *
 * <p>Hand-offs follow "whoever took it pays": units stay in the cart of the shopper whose hand
 * took them off the shelf until a put-back takes them out, whoever hands them to whom in between.
 *
 * <p>Not thread-safe: owned by the fusion engine.
 */
public final class CartLedger {

    private static final SnapshotCodec<List<CartEntry>> ENTRIES = SnapshotCodec.of(
            (entries, out) -> out.writeList(entries, CartEntry.CODEC), in -> in.readList(CartEntry.CODEC));

    /** carts: a count, then per shopper (in order of first entry) the shopper id and a list of CartEntry. */
    public static final SnapshotCodec<CartLedger> CODEC = SnapshotCodec.of(
            (ledger, out) -> out.writeMap(ledger.carts, ENTRIES), in -> {
                CartLedger ledger = new CartLedger();
                ledger.carts.putAll(in.readMap(ENTRIES));
                return ledger;
            });

    private final Map<String, List<CartEntry>> carts = new LinkedHashMap<>();

    public void add(String shopperId, CartEntry entry) {
        carts.computeIfAbsent(shopperId, id -> new ArrayList<>()).add(entry);
    }

    /** A shopper's entries, oldest first. */
    public List<CartEntry> entries(String shopperId) {
        return List.copyOf(carts.getOrDefault(shopperId, List.of()));
    }

    /** The weight events any open cart still has an entry of. */
    public Set<Long> eventIds() {
        Set<Long> ids = new HashSet<>();
        carts.values().forEach(entries -> entries.forEach(entry -> ids.add(entry.eventId())));
        return ids;
    }

    /** A shopper's entries of one SKU, oldest first. */
    public List<CartEntry> entries(String shopperId, String sku) {
        List<CartEntry> found = new ArrayList<>();
        for (CartEntry entry : carts.getOrDefault(shopperId, List.of())) {
            if (entry.sku().equals(sku)) {
                found.add(entry);
            }
        }
        return found;
    }

    /** Net units of a SKU in a shopper's cart (never below zero). */
    public int units(String shopperId, String sku) {
        int total = 0;
        for (CartEntry entry : carts.getOrDefault(shopperId, List.of())) {
            if (entry.sku().equals(sku)) {
                total += entry.units();
            }
        }
        return Math.max(0, total);
    }

    /** Net units per SKU in a shopper's cart, positive ones only, SKUs sorted. */
    public Map<String, Integer> holdings(String shopperId) {
        Map<String, Integer> net = new TreeMap<>();
        for (CartEntry entry : carts.getOrDefault(shopperId, List.of())) {
            net.merge(entry.sku(), entry.units(), Integer::sum);
        }
        net.values().removeIf(n -> n <= 0);
        return net;
    }

    /** The shopper's open pick of this SKU whose odds name {@code otherShopperId}, oldest first. */
    public Optional<CartEntry> findOpenPick(String shopperId, String sku, String otherShopperId) {
        for (CartEntry entry : carts.getOrDefault(shopperId, List.of())) {
            if (entry.open() && entry.units() > 0 && entry.sku().equals(sku)
                    && entry.shopperOdds().containsKey(otherShopperId)) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    /** Open picks, in any cart, whose odds name this shopper as a possible taker. */
    public List<CartEntry> openPicksNaming(String shopperId) {
        List<CartEntry> found = new ArrayList<>();
        for (List<CartEntry> entries : carts.values()) {
            for (CartEntry entry : entries) {
                if (entry.open() && entry.units() > 0 && entry.shopperOdds().containsKey(shopperId)) {
                    found.add(entry);
                }
            }
        }
        return found;
    }

    /** Moves an entry from one shopper's cart to another's, replacing it by {@code replacement}. */
    public void move(String fromShopperId, CartEntry entry, String toShopperId, CartEntry replacement) {
        List<CartEntry> from = carts.get(fromShopperId);
        if (from == null || !from.remove(entry)) {
            throw new IllegalStateException("entry " + entry.eventId() + " is not in the cart of " + fromShopperId);
        }
        add(toShopperId, replacement);
    }

    public boolean hasOpenEntries(String shopperId) {
        return carts.getOrDefault(shopperId, List.of()).stream().anyMatch(CartEntry::open);
    }

    /**
     * The cart as receipt lines: units summed per SKU, zero or negative totals left out, each line's
     * confidence the lowest among the entries behind it.
     */
    public List<ReceiptLine> lines(String shopperId) {
        Map<String, Integer> units = new TreeMap<>();
        Map<String, Double> confidence = new TreeMap<>();
        for (CartEntry entry : carts.getOrDefault(shopperId, List.of())) {
            units.merge(entry.sku(), entry.units(), Integer::sum);
            confidence.merge(entry.sku(), entry.confidence(), Math::min);
        }
        List<ReceiptLine> lines = new ArrayList<>();
        units.forEach((sku, n) -> {
            if (n > 0) {
                lines.add(new ReceiptLine(sku, n, Math.max(0, Math.min(1, confidence.get(sku)))));
            }
        });
        return lines;
    }

    /** Shoppers who hold at least one unit of the SKU, in order of first cart entry. */
    public List<String> holdersOf(String sku) {
        List<String> holders = new ArrayList<>();
        for (String shopperId : carts.keySet()) {
            if (units(shopperId, sku) > 0) {
                holders.add(shopperId);
            }
        }
        return holders;
    }

    /** Removes a shopper's cart once their receipt is issued. */
    public void close(String shopperId) {
        carts.remove(shopperId);
    }
}
