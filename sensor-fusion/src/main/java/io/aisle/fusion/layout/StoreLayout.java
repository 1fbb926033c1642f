package io.aisle.fusion.layout;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A store: its floor, entry and exit zones, plates (with their planogram) and product catalog.
 * Immutable; plates keep the order of the file, which gives each plate a stable index.
 */
public record StoreLayout(String storeId, double floorWidthMeters, double floorDepthMeters, FloorZone entry,
                          FloorZone exit, List<Product> products, List<Plate> plates) {

    /** The id of the gate over the entry zone. */
    public static final String ENTRY_GATE = "entry";

    public StoreLayout {
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(exit, "exit");
        if (!(floorWidthMeters > 0) || !(floorDepthMeters > 0)) {
            throw new IllegalArgumentException("floor size must be > 0 but was " + floorWidthMeters + " x " + floorDepthMeters);
        }
        products = List.copyOf(products);
        plates = List.copyOf(plates);
        Map<String, Product> bySku = new LinkedHashMap<>();
        for (Product product : products) {
            if (bySku.put(product.sku(), product) != null) {
                throw new IllegalArgumentException("duplicate product sku " + product.sku());
            }
        }
        Map<String, Plate> byId = new LinkedHashMap<>();
        for (Plate plate : plates) {
            if (byId.put(plate.id(), plate) != null) {
                throw new IllegalArgumentException("duplicate plate id " + plate.id());
            }
            for (Facing facing : plate.facings()) {
                if (!bySku.containsKey(facing.sku())) {
                    throw new IllegalArgumentException("plate " + plate.id() + " stocks unknown sku " + facing.sku());
                }
            }
        }
    }

    /**
     * The gates where shoppers scan in: one, {@code entry}, over the entry zone (the store's one
     * entrance, where a track's first sighting is a shopper coming in).
     */
    public List<Gate> gates() {
        return List.of(new Gate(ENTRY_GATE, entry));
    }

    public Optional<Product> findProduct(String sku) {
        return products.stream().filter(p -> p.sku().equals(sku)).findFirst();
    }

    /** Product by SKU, for callers that hold an index built once (see {@link #productsBySku()}). */
    public Map<String, Product> productsBySku() {
        Map<String, Product> map = new LinkedHashMap<>();
        products.forEach(p -> map.put(p.sku(), p));
        return Collections.unmodifiableMap(map);
    }

    /**
     * The distinct appearance ids of the products, sorted: the class list a product recognizer for
     * this store is trained on, in the order that gives every appearance its rendered look.
     */
    public List<String> appearanceIds() {
        return products.stream().map(Product::appearanceId).distinct().sorted().toList();
    }

    /** Plate index (position in {@link #plates()}) by plate id. */
    public Map<String, Integer> plateIndexById() {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < plates.size(); i++) {
            map.put(plates.get(i).id(), i);
        }
        return Collections.unmodifiableMap(map);
    }
}
