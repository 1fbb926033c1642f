package io.aisle.fusion.testing;

import io.aisle.vision.recognition.ProductRecognizer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};

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

    /** A crop image showing {@code label}: the PNG signature, then the label's UTF-8 bytes. */
    public static byte[] imageOf(String label) {
        byte[] text = label.getBytes(StandardCharsets.UTF_8);
        byte[] image = Arrays.copyOf(PNG_SIGNATURE, PNG_SIGNATURE.length + text.length);
        System.arraycopy(text, 0, image, PNG_SIGNATURE.length, text.length);
        return image;
    }

    @Override
    public Map<String, Double> classify(byte[] imageBytes, List<String> candidateSkus) {
        asked.add(List.copyOf(candidateSkus));
        String seen = labelOf(imageBytes);
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

    /** The label of {@link #imageOf}; the crops of earlier releases' snapshots carry the bare label. */
    private static String labelOf(byte[] imageBytes) {
        boolean png = imageBytes.length >= PNG_SIGNATURE.length
                && Arrays.equals(PNG_SIGNATURE, Arrays.copyOf(imageBytes, PNG_SIGNATURE.length));
        int from = png ? PNG_SIGNATURE.length : 0;
        return new String(imageBytes, from, imageBytes.length - from, StandardCharsets.UTF_8);
    }
}
