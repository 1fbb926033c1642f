package io.aisle.vision.tracking;

import io.aisle.vision.frame.AppearanceEmbedding;
import java.util.List;

/** Arithmetic on appearance embeddings for the tracker: distances that may be unknown, means, blends. */
final class Appearances {

    private Appearances() {
    }

    /** Cosine distance, or NaN when either side has no embedding or their lengths differ. */
    static double distance(AppearanceEmbedding a, AppearanceEmbedding b) {
        return a.isComparableTo(b) ? a.cosineDistance(b) : Double.NaN;
    }

    /**
     * The weighted mean direction of the embeddings that share the first present one's length
     * (each scaled to unit length first, so one camera's scale does not dominate), or
     * {@link AppearanceEmbedding#NONE} when none is present.
     */
    static AppearanceEmbedding mean(List<AppearanceEmbedding> embeddings, List<Double> weights) {
        double[] sum = null;
        for (int i = 0; i < embeddings.size(); i++) {
            AppearanceEmbedding e = embeddings.get(i);
            if (!e.isPresent() || sum != null && e.dimensions() != sum.length) {
                continue;
            }
            if (sum == null) {
                sum = new double[e.dimensions()];
            }
            addUnit(sum, e, weights.get(i));
        }
        return sum == null ? AppearanceEmbedding.NONE : unit(sum);
    }

    /**
     * An exponential moving average of directions: {@code (1 - rate) learned + rate seen}, both at
     * unit length, rescaled to unit length.
     */
    static AppearanceEmbedding blend(AppearanceEmbedding learned, AppearanceEmbedding seen, double rate) {
        double[] sum = new double[learned.dimensions()];
        addUnit(sum, learned, 1 - rate);
        addUnit(sum, seen, rate);
        return unit(sum);
    }

    private static void addUnit(double[] sum, AppearanceEmbedding e, double weight) {
        double norm = 0;
        for (int i = 0; i < sum.length; i++) {
            norm += (double) e.value(i) * e.value(i);
        }
        double scale = weight / Math.sqrt(norm);
        for (int i = 0; i < sum.length; i++) {
            sum[i] += scale * e.value(i);
        }
    }

    private static AppearanceEmbedding unit(double[] sum) {
        if (java.util.Arrays.stream(sum).allMatch(v -> v == 0)) {
            // Opposite directions with equal weights cancel: keep some direction rather than none.
            sum[0] = 1;
        }
        return AppearanceEmbedding.ofDirection(sum);
    }
}
