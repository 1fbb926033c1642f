package io.aisle.vision.render;

import java.awt.image.BufferedImage;
import java.util.Objects;

/** A rendered crop and the SKU it shows. */
public record LabeledCrop(String sku, BufferedImage image) {

    public LabeledCrop {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(image, "image");
    }
}
