package io.aisle.fusion.recognition;

import io.aisle.fusion.layout.Product;
import io.aisle.fusion.layout.StoreLayout;
import io.aisle.vision.recognition.ProductRecognizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The recognizer port for a store whose model was trained on appearance ids: maps the plate's
 * candidate SKUs to their products' appearance ids, asks the model, and maps the probabilities
 * back. A candidate whose appearance the model was not trained on makes the call answer uniform
 * probabilities, which leaves the engine's weight-based posterior as it was (the model cannot
 * vouch for a product it never saw). Records the latency of every call.
 *
 * <p>Not thread-safe, like the recognizer it wraps: one per thread.
 */
public final class AppearanceRecognizer implements ProductRecognizer {

    private final ProductRecognizer byAppearance;
    private final Map<String, String> appearanceBySku;
    private final Set<String> modelClasses;
    private long[] nanos = new long[256];
    private int calls;

    /**
     * @param appearanceBySku every SKU of the store and its product's appearance id
     * @param modelClasses the appearance ids the model was trained on
     */
    public AppearanceRecognizer(ProductRecognizer byAppearance, Map<String, String> appearanceBySku,
            Collection<String> modelClasses) {
        this.byAppearance = byAppearance;
        this.appearanceBySku = Map.copyOf(appearanceBySku);
        this.modelClasses = Set.copyOf(modelClasses);
    }

    /** For every product of {@code layout}, with a model that tells {@code modelClasses} apart. */
    public static AppearanceRecognizer forLayout(ProductRecognizer byAppearance, StoreLayout layout,
            Collection<String> modelClasses) {
        Map<String, String> appearanceBySku = new HashMap<>();
        for (Product product : layout.products()) {
            appearanceBySku.put(product.sku(), product.appearanceId());
        }
        return new AppearanceRecognizer(byAppearance, appearanceBySku, modelClasses);
    }

    @Override
    public Map<String, Double> classify(byte[] imageBytes, List<String> candidateSkus) {
        long start = System.nanoTime();
        List<String> appearances = new ArrayList<>(candidateSkus.size());
        for (String sku : candidateSkus) {
            String appearance = appearanceBySku.get(sku);
            if (appearance == null) {
                throw new IllegalArgumentException("candidate SKU " + sku + " has no appearance in this store");
            }
            appearances.add(appearance);
        }
        Map<String, Double> seen;
        if (modelClasses.containsAll(appearances)) {
            seen = byAppearance.classify(imageBytes, appearances);
        } else {
            seen = new LinkedHashMap<>();
            for (String appearance : appearances) {
                seen.put(appearance, 1.0 / appearances.size());
            }
        }
        Map<String, Double> result = new LinkedHashMap<>();
        for (int i = 0; i < candidateSkus.size(); i++) {
            result.put(candidateSkus.get(i), seen.getOrDefault(appearances.get(i), 0.0));
        }
        if (calls == nanos.length) {
            nanos = Arrays.copyOf(nanos, calls * 2);
        }
        nanos[calls++] = System.nanoTime() - start;
        return result;
    }

    public int calls() {
        return calls;
    }

    /** Nearest-rank percentile of the calls' latency in milliseconds; 0 before any call. */
    public double latencyMillis(double quantile) {
        if (calls == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(nanos, calls);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }
}
