package io.aisle.vision.render;

import java.awt.Color;
import java.util.Objects;
import java.util.Random;

/**
 * How one product looks: a body colour, a pattern in a second colour and a label mark of a third
 * colour at a set place on the pack.
 *
 * @param labelX label centre across the pack, as a fraction of its width
 * @param labelY label centre down the pack, as a fraction of its height
 */
public record ProductAppearance(String sku, Color body, Pattern pattern, Color patternColour, Color labelColour,
        double labelX, double labelY, double aspect) {

    /** Surface patterns of a pack. */
    public enum Pattern {
        PLAIN, STRIPES, DOTS, CHECKS, DIAGONAL
    }

    public ProductAppearance {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(patternColour, "patternColour");
        Objects.requireNonNull(labelColour, "labelColour");
    }

    /**
     * The appearance of the {@code index}-th of {@code count} products: body hues are spread evenly
     * round the colour wheel and patterns cycle, so that neighbours differ in both; the rest comes
     * from a random seeded by the index, so a catalogue always looks the same.
     */
    public static ProductAppearance of(String sku, int index, int count) {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("need 0 <= index < count but were " + index + ", " + count);
        }
        Random random = new Random(0x5eed_0000L + index);
        float hue = (float) index / count;
        Color body = Color.getHSBColor(hue, 0.55f + 0.4f * random.nextFloat(), 0.55f + 0.4f * random.nextFloat());
        Pattern pattern = Pattern.values()[index % Pattern.values().length];
        Color patternColour = Color.getHSBColor((hue + 0.5f) % 1f, 0.3f + 0.5f * random.nextFloat(), 0.2f + 0.7f * random.nextFloat());
        Color label = Color.getHSBColor(random.nextFloat(), random.nextFloat(), 0.3f + 0.7f * random.nextFloat());
        return new ProductAppearance(sku, body, pattern, patternColour, label, 0.3 + 0.4 * random.nextDouble(),
                0.25 + 0.5 * random.nextDouble(), 0.55 + 0.35 * random.nextDouble());
    }
}
