package io.aisle.vision.recognition;

import java.util.List;
import java.util.Map;

/**
 * Tells which of a plate's candidate products a hand crop shows.
 *
 * <p>Implementations need not be thread-safe unless they say so; callers keep one per thread.
 */
public interface ProductRecognizer {

    /**
     * @param imageBytes a PNG or JPEG crop of a hand at the shelf
     * @param candidateSkus the SKUs that can be on that plate; never empty
     * @return a probability per candidate SKU, summing to 1 over the candidates
     */
    Map<String, Double> classify(byte[] imageBytes, List<String> candidateSkus);
}
