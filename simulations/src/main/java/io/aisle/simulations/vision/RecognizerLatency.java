package io.aisle.simulations.vision;

import io.aisle.vision.djl.DjlProductRecognizer;
import io.aisle.vision.djl.RecognizerModel;
import io.aisle.vision.render.CropRenderer;
import io.aisle.vision.render.LabeledCrop;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;

/**
 * Measures batch-1 latency on the calling thread with its own recognizer, after a warm-up that
 * lets PyTorch settle its allocations. The end-to-end and model-only timings of each sample are
 * taken back to back so both see the same machine noise.
 */
public final class RecognizerLatency {

    private static final int WARM_UP_CALLS = 200;

    private RecognizerLatency() {
    }

    public static LatencySummary measure(RecognizerModel model, List<LabeledCrop> crops, int samples) {
        if (crops.isEmpty() || samples < 1) {
            throw new IllegalArgumentException("need crops and samples >= 1 but had " + crops.size() + ", " + samples);
        }
        byte[][] pngs = new byte[crops.size()][];
        BufferedImage[] images = new BufferedImage[crops.size()];
        for (int i = 0; i < crops.size(); i++) {
            pngs[i] = CropRenderer.png(crops.get(i).image());
            images[i] = crops.get(i).image();
        }
        List<String> candidates = model.classes().subList(0, Math.min(4, model.classes().size()));
        long[] endToEnd = new long[samples];
        long[] modelOnly = new long[samples];
        try (DjlProductRecognizer recognizer = model.newRecognizer()) {
            for (int i = 0; i < WARM_UP_CALLS; i++) {
                recognizer.classify(pngs[i % pngs.length], candidates);
            }
            for (int i = 0; i < samples; i++) {
                int k = i % pngs.length;
                long start = System.nanoTime();
                recognizer.classify(pngs[k], candidates);
                long middle = System.nanoTime();
                recognizer.probabilities(images[k]);
                long end = System.nanoTime();
                endToEnd[i] = middle - start;
                modelOnly[i] = end - middle;
            }
        }
        Arrays.sort(endToEnd);
        Arrays.sort(modelOnly);
        return new LatencySummary(samples, percentileMillis(endToEnd, 0.50), percentileMillis(endToEnd, 0.99),
                percentileMillis(modelOnly, 0.50), percentileMillis(modelOnly, 0.99));
    }

    /** Nearest-rank percentile of sorted nanosecond samples. */
    static double percentileMillis(long[] sortedNanos, double quantile) {
        int rank = (int) Math.ceil(quantile * sortedNanos.length);
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))] / 1e6;
    }
}
