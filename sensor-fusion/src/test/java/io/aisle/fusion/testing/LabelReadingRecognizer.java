package io.aisle.fusion.testing;

import io.aisle.vision.recognition.ProductRecognizer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recognizer for scripted sessions, whose crops carry the SKU they show as their bytes
 * ({@link ScriptedSession#handCrop}): it gives that SKU {@code confidence} and shares the rest
 * among the other candidates; a crop naming no candidate, or {@link #unsure()}, gets the same
 * probability for every candidate. Remembers the candidate lists it was asked about.
 */
public final class LabelReadingRecognizer implements ProductRecognizer {

    private final double confidence;
    private final List<List<String>> asked = new ArrayList<>();

    public LabelReadingRecognizer(double confidence) {
        this.confidence = confidence;
    }

    /** A recognizer that reads the label right 98 % of the time. */
    public static LabelReadingRecognizer sure() {
        return new LabelReadingRecognizer(0.98);
    }

    /** A recognizer that cannot tell the candidates apart at all. */
    public static LabelReadingRecognizer unsure() {
        return new LabelReadingRecognizer(Double.NaN);
    }

    @Override
    public Map<String, Double> classify(byte[] imageBytes, List<String> candidateSkus) {
        asked.add(List.copyOf(candidateSkus));
        String seen = new String(imageBytes, StandardCharsets.UTF_8);
        Map<String, Double> probabilities = new LinkedHashMap<>();
        boolean flat = Double.isNaN(confidence) || !candidateSkus.contains(seen);
        for (String sku : candidateSkus) {
            double p = flat ? 1.0 / candidateSkus.size()
                    : sku.equals(seen) ? confidence : (1 - confidence) / (candidateSkus.size() - 1);
            probabilities.put(sku, p);
        }
        return probabilities;
    }

    /** The candidate lists of every call, in call order. */
    public List<List<String>> asked() {
        return List.copyOf(asked);
    }
}
