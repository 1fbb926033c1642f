package io.aisle.vision.djl;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import io.aisle.vision.recognition.ProductRecognizer;
import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link ProductRecognizer} on a DJL model: decodes the crop, resizes it to the model's input,
 * and renormalises the model's class probabilities over the plate's candidate SKUs. A candidate
 * the model does not know gets probability 0, unless no candidate is known, in which case all get
 * the same.
 *
 * <p>Not thread-safe (it owns one DJL {@code Predictor}): one per thread, from
 * {@link RecognizerModel#newRecognizer()}.
 */
public final class DjlProductRecognizer implements ProductRecognizer, AutoCloseable {

    private final Predictor<float[], float[]> predictor;
    private final Map<String, Integer> indexOfClass = new HashMap<>();
    private final int imageSizePixels;

    DjlProductRecognizer(Predictor<float[], float[]> predictor, List<String> classes, int imageSizePixels) {
        this.predictor = predictor;
        for (int i = 0; i < classes.size(); i++) {
            indexOfClass.put(classes.get(i), i);
        }
        this.imageSizePixels = imageSizePixels;
    }

    /**
     * @throws IllegalArgumentException when the bytes are not a PNG or JPEG image, or there is no candidate
     * @throws IllegalStateException when the engine fails to run the model
     */
    @Override
    public Map<String, Double> classify(byte[] imageBytes, List<String> candidateSkus) {
        if (candidateSkus.isEmpty()) {
            throw new IllegalArgumentException("candidateSkus must not be empty");
        }
        float[] probabilities = probabilities(CropPixels.decode(imageBytes));
        double total = 0;
        for (String sku : candidateSkus) {
            Integer i = indexOfClass.get(sku);
            total += i == null ? 0 : probabilities[i];
        }
        Map<String, Double> result = new LinkedHashMap<>();
        for (String sku : candidateSkus) {
            Integer i = indexOfClass.get(sku);
            double p = total > 0 ? (i == null ? 0 : probabilities[i] / total) : 1.0 / candidateSkus.size();
            result.merge(sku, p, Double::sum);
        }
        return result;
    }

    /** The model's probability for every class, in {@link RecognizerModel#classes()} order. */
    public float[] probabilities(BufferedImage image) {
        return probabilities(CropPixels.toChannelMajor(image, imageSizePixels));
    }

    /** The same, for pixels already in the model's input format ({@link CropPixels}). */
    float[] probabilities(float[] channelMajorPixels) {
        try {
            return predictor.predict(channelMajorPixels);
        } catch (TranslateException e) {
            throw new IllegalStateException("the recognizer model failed to run: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        predictor.close();
    }
}
