package io.aisle.vision.djl;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * The recognizer's input format: an RGB image resized to a square, as floats in [0, 1],
 * channel-major ({@code [3][size][size]} flattened). Bring-your-own models take the same input.
 */
public final class CropPixels {

    private CropPixels() {
    }

    /**
     * Decodes in memory: {@code ImageIO.read(InputStream)} would cache the stream in a temporary
     * file, file I/O that has no place on a thread that must not block.
     *
     * @throws IllegalArgumentException when the bytes are not a PNG or JPEG image
     */
    public static BufferedImage decode(byte[] imageBytes) {
        try {
            BufferedImage image = ImageIO.read(new MemoryCacheImageInputStream(new ByteArrayInputStream(imageBytes)));
            if (image == null) {
                throw new IllegalArgumentException("imageBytes is not a PNG or JPEG image");
            }
            return image;
        } catch (IOException e) {
            throw new IllegalArgumentException("imageBytes is not a readable image: " + e.getMessage(), e);
        }
    }

    public static float[] toChannelMajor(BufferedImage image, int size) {
        BufferedImage scaled = image;
        if (image.getWidth() != size || image.getHeight() != size || image.getType() != BufferedImage.TYPE_INT_RGB) {
            scaled = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = scaled.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, size, size, null);
            g.dispose();
        }
        int plane = size * size;
        float[] chw = new float[3 * plane];
        int[] rgb = scaled.getRGB(0, 0, size, size, null, 0, size);
        for (int i = 0; i < plane; i++) {
            chw[i] = ((rgb[i] >> 16) & 0xff) / 255f;
            chw[plane + i] = ((rgb[i] >> 8) & 0xff) / 255f;
            chw[2 * plane + i] = (rgb[i] & 0xff) / 255f;
        }
        return chw;
    }
}
