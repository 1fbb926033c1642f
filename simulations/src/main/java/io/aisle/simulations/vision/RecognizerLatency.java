package io.aisle.simulations.vision;

import io.aisle.vision.djl.DjlProductRecognizer;
import io.aisle.vision.djl.RecognizerModel;
import io.aisle.vision.render.CropRenderer;
import io.aisle.vision.render.LabeledCrop;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;

/**
 * Measures batch-1 latency on the calling thread with its own recognizer, under several sizes of
 * PyTorch's intra-op thread pool. The settings take turns in blocks of {@value #BLOCK} calls, so
 * that a change of machine load during the run hits every setting alike; each setting is warmed
 * up first. The end-to-end and model-only timings of a sample are taken back to back.
 */
public final class RecognizerLatency {

    private static final int WARM_UP_CALLS = 200;
    static final int BLOCK = 100;

    private RecognizerLatency() {
    }

    /**
     * @param intraOpThreads the pool sizes to compare; the pool is left at the last one
     * @return one summary per pool size, in the same order
     */
    public static LatencySummary[] compare(RecognizerModel model, List<LabeledCrop> crops, int samples,
            int... intraOpThreads) {
        if (crops.isEmpty() || samples < 1 || intraOpThreads.length == 0) {
            throw new IllegalArgumentException("need crops, samples >= 1 and a thread setting but had "
                    + crops.size() + ", " + samples + ", " + intraOpThreads.length);
        }
        byte[][] pngs = new byte[crops.size()][];
        BufferedImage[] images = new BufferedImage[crops.size()];
        for (int i = 0; i < crops.size(); i++) {
            pngs[i] = CropRenderer.png(crops.get(i).image());
            images[i] = crops.get(i).image();
        }
        List<String> candidates = model.classes().subList(0, Math.min(4, model.classes().size()));
        int settings = intraOpThreads.length;
        long[][] endToEnd = new long[settings][samples];
        long[][] modelOnly = new long[settings][samples];
        try (DjlProductRecognizer recognizer = model.newRecognizer()) {
            for (int threads : intraOpThreads) {
                RecognizerModel.setIntraOpThreads(threads);
                for (int i = 0; i < WARM_UP_CALLS; i++) {
                    recognizer.classify(pngs[i % pngs.length], candidates);
                }
            }
            int[] taken = new int[settings];
            for (int block = 0; taken[settings - 1] < samples; block++) {
                int s = block % settings;
                RecognizerModel.setIntraOpThreads(intraOpThreads[s]);
                for (int i = 0; i < BLOCK && taken[s] < samples; i++) {
                    int k = taken[s] % pngs.length;
                    long start = System.nanoTime();
                    recognizer.classify(pngs[k], candidates);
                    long middle = System.nanoTime();
                    recognizer.probabilities(images[k]);
                    long end = System.nanoTime();
                    endToEnd[s][taken[s]] = middle - start;
                    modelOnly[s][taken[s]] = end - middle;
                    taken[s]++;
                }
            }
        }
        LatencySummary[] summaries = new LatencySummary[settings];
        for (int s = 0; s < settings; s++) {
            Arrays.sort(endToEnd[s]);
            Arrays.sort(modelOnly[s]);
            summaries[s] = new LatencySummary(samples, percentileMillis(endToEnd[s], 0.50),
                    percentileMillis(endToEnd[s], 0.99), percentileMillis(modelOnly[s], 0.50),
                    percentileMillis(modelOnly[s], 0.99));
        }
        return summaries;
    }

    /** Nearest-rank percentile of sorted nanosecond samples. */
    static double percentileMillis(long[] sortedNanos, double quantile) {
        int rank = (int) Math.ceil(quantile * sortedNanos.length);
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))] / 1e6;
    }
}
