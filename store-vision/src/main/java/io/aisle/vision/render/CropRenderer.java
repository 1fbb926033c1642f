package io.aisle.vision.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Draws a square crop of a product pack in a hand, as a shelf camera would see it at pick time:
 * random pose (rotation), scale, offset, lighting (brightness and colour cast), background, blur
 * and a hand covering part of the pack. All randomness comes from the caller's {@link Random}.
 * Stateless and thread-safe.
 */
public final class CropRenderer {

    private final int sizePixels;

    public CropRenderer(int sizePixels) {
        if (sizePixels < 8 || sizePixels > 512) {
            throw new IllegalArgumentException("sizePixels must be in [8, 512] but was " + sizePixels);
        }
        this.sizePixels = sizePixels;
    }

    public int sizePixels() {
        return sizePixels;
    }

    public BufferedImage render(ProductAppearance product, Random random) {
        BufferedImage image = new BufferedImage(sizePixels, sizePixels, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            int grey = 60 + random.nextInt(140);
            g.setColor(new Color(grey, grey, grey));
            g.fillRect(0, 0, sizePixels, sizePixels);
            drawPack(g, product, random);
            drawHand(g, random);
        } finally {
            g.dispose();
        }
        light(image, random);
        if (random.nextDouble() < 0.4) {
            return blur(image);
        }
        return image;
    }

    /** {@link #render} encoded as PNG, as an edge device would send it. */
    public byte[] renderPng(ProductAppearance product, Random random) {
        return png(render(product, random));
    }

    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void drawPack(Graphics2D g, ProductAppearance p, Random random) {
        double scale = 0.55 + 0.35 * random.nextDouble();
        double height = sizePixels * scale;
        double width = height * p.aspect();
        AffineTransform saved = g.getTransform();
        g.translate(sizePixels / 2.0 + (random.nextDouble() - 0.5) * sizePixels * 0.2,
                sizePixels / 2.0 + (random.nextDouble() - 0.5) * sizePixels * 0.2);
        g.rotate((random.nextDouble() - 0.5) * Math.toRadians(70));
        g.translate(-width / 2, -height / 2);
        int w = (int) Math.round(width);
        int h = (int) Math.round(height);
        g.setColor(p.body());
        g.fillRect(0, 0, w, h);
        g.setColor(p.patternColour());
        int step = Math.max(3, h / 6);
        switch (p.pattern()) {
            case PLAIN -> { }
            case STRIPES -> {
                for (int y = 0; y < h; y += step) {
                    g.fillRect(0, y, w, Math.max(1, step / 2));
                }
            }
            case DOTS -> {
                for (int y = step / 2; y < h; y += step) {
                    for (int x = step / 2; x < w; x += step) {
                        g.fillOval(x - step / 4, y - step / 4, Math.max(2, step / 2), Math.max(2, step / 2));
                    }
                }
            }
            case CHECKS -> {
                for (int y = 0; y < h; y += step) {
                    for (int x = ((y / step) % 2) * step; x < w; x += 2 * step) {
                        g.fillRect(x, y, step, step);
                    }
                }
            }
            case DIAGONAL -> {
                g.setStroke(new BasicStroke(Math.max(1, step / 3f)));
                for (int d = -h; d < w + h; d += step) {
                    g.drawLine(d, 0, d + h, h);
                }
            }
        }
        g.setColor(p.labelColour());
        int labelW = Math.max(2, (int) (w * 0.45));
        int labelH = Math.max(2, (int) (h * 0.22));
        g.fillRect((int) (w * p.labelX()) - labelW / 2, (int) (h * p.labelY()) - labelH / 2, labelW, labelH);
        g.setTransform(saved);
    }

    /** A skin-toned hand gripping one side of the pack, covering up to about a quarter of the crop. */
    private void drawHand(Graphics2D g, Random random) {
        float hue = 0.03f + 0.06f * random.nextFloat();
        g.setColor(Color.getHSBColor(hue, 0.3f + 0.4f * random.nextFloat(), 0.35f + 0.6f * random.nextFloat()));
        int handW = (int) (sizePixels * (0.25 + 0.2 * random.nextDouble()));
        int handH = (int) (sizePixels * (0.3 + 0.25 * random.nextDouble()));
        boolean fromLeft = random.nextBoolean();
        int x = fromLeft ? -handW / 3 : sizePixels - handW * 2 / 3;
        int y = (int) (sizePixels * (0.2 + 0.5 * random.nextDouble()));
        g.fillOval(x, y, handW, handH);
    }

    /** Brightness between 0.6 and 1.3 and a slight colour cast per channel. */
    private static void light(BufferedImage image, Random random) {
        double brightness = 0.6 + 0.7 * random.nextDouble();
        double[] cast = {1 + 0.15 * (random.nextDouble() - 0.5), 1 + 0.15 * (random.nextDouble() - 0.5),
            1 + 0.15 * (random.nextDouble() - 0.5)};
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = clamp(((rgb >> 16) & 0xff) * brightness * cast[0]);
                int gr = clamp(((rgb >> 8) & 0xff) * brightness * cast[1]);
                int b = clamp((rgb & 0xff) * brightness * cast[2]);
                image.setRGB(x, y, (r << 16) | (gr << 8) | b);
            }
        }
    }

    /** A 3x3 box blur: motion and focus blur at pick time. */
    private static BufferedImage blur(BufferedImage source) {
        int w = source.getWidth();
        int h = source.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = 0;
                int g = 0;
                int b = 0;
                int n = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int sx = x + dx;
                        int sy = y + dy;
                        if (sx >= 0 && sy >= 0 && sx < w && sy < h) {
                            int rgb = source.getRGB(sx, sy);
                            r += (rgb >> 16) & 0xff;
                            g += (rgb >> 8) & 0xff;
                            b += rgb & 0xff;
                            n++;
                        }
                    }
                }
                out.setRGB(x, y, ((r / n) << 16) | ((g / n) << 8) | (b / n));
            }
        }
        return out;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
