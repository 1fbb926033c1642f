package io.aisle.vision.scene;

import io.aisle.vision.frame.AppearanceEmbedding;
import io.aisle.vision.frame.PixelBox;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What a person re-identification head on an edge device makes of simulated shoppers: each
 * shopper wears seeded clothing drawn from a few palettes (so several shoppers look alike), and
 * each detection's embedding is that clothing seen through the camera's lighting, with per-view
 * noise, mixed with the clothing of whoever overlaps the box.
 *
 * <p>Clothing is a unit vector {@code common + 0.9 palette + variation individual} (each part a
 * seeded Gaussian vector of norm about 1): two palettes are 0.3 to 0.5 apart in cosine distance,
 * two shoppers of one palette 0.01 to 0.1 (with the default variation), and two views of one
 * shopper about 0.04 through one camera and 0.06 through two, so look-alikes are no further apart
 * than two views of one person. Each camera adds a colour cast that drifts over 40 to 80 s. A box covered by a
 * nearer person's box takes that person's clothing in proportion to the covered share (a
 * detection of two people squeezed together is a mix of both), a person standing behind leaks
 * in at a third of the overlap, and noise grows with the covered share.
 *
 * <p>The tracker gets no identity: only these vectors. Mutable (its random advances with every
 * embedding); call from one thread, in time order.
 */
public final class SimulatedAppearance {

    /** Length of the simulated embeddings. */
    public static final int DIMENSIONS = 12;
    private static final double VIEW_NOISE = 0.06;
    private static final double LIGHT_CAST = 0.05;
    private static final double LIGHT_DRIFT = 0.04;
    private static final double BEHIND_LEAK = 1.0 / 3;

    private final long seed;
    private final double[] common;
    private final double[][] palettes;
    private final double individualVariation;
    private final Random random;
    private final Map<String, double[]> clothing = new HashMap<>();
    private final Map<String, Light> lights = new HashMap<>();

    /** A camera's colour cast: a fixed part and a part that swings with a period of its own. */
    private record Light(double[] cast, double[] drift, double periodMillis, double phase) {
    }

    /**
     * @param palettes how many clothing palettes shoppers draw from (fewer: more look-alikes)
     * @param individualVariation how much one shopper's clothing differs from their palette's
     *     (0.25 by default; 0 dresses everyone of a palette identically)
     */
    public SimulatedAppearance(long seed, int palettes, double individualVariation) {
        if (palettes < 1 || !(individualVariation >= 0)) {
            throw new IllegalArgumentException("need palettes >= 1 and individualVariation >= 0 but were "
                    + palettes + ", " + individualVariation);
        }
        this.seed = seed;
        this.individualVariation = individualVariation;
        Random setup = new Random(seed);
        this.common = gaussian(setup, 1);
        this.palettes = new double[palettes][];
        for (int p = 0; p < palettes; p++) {
            this.palettes[p] = gaussian(setup, 1);
        }
        this.random = new Random(seed ^ 0x5EE5L);
    }

    /** Six palettes, default individual variation. */
    public static SimulatedAppearance typical(long seed) {
        return new SimulatedAppearance(seed, 6, 0.25);
    }

    /** A shopper's clothing, the same for every call with one id (unit length). */
    public double[] clothingOf(String shopperId) {
        return clothing.computeIfAbsent(shopperId, id -> {
            Random own = new Random(seed * 31 + id.hashCode());
            double[] palette = palettes[own.nextInt(palettes.length)];
            double[] individual = gaussian(own, 1);
            double[] c = new double[DIMENSIONS];
            for (int i = 0; i < DIMENSIONS; i++) {
                c[i] = common[i] + 0.9 * palette[i] + individualVariation * individual[i];
            }
            return normalized(c);
        }).clone();
    }

    /**
     * The embedding of person {@code person}'s box in one camera frame.
     *
     * @param shopperIds who each box is
     * @param boxes every person's box in this camera (null where the camera does not see them)
     * @param distancesMeters each person's floor distance from the camera (nearer covers farther)
     */
    public AppearanceEmbedding embed(String cameraId, long millis, int person, List<String> shopperIds,
            List<PixelBox> boxes, double[] distancesMeters) {
        PixelBox own = boxes.get(person);
        double[] mix = new double[DIMENSIONS];
        double covered = 0;
        for (int j = 0; j < boxes.size(); j++) {
            if (j == person || boxes.get(j) == null) {
                continue;
            }
            double overlap = overlapShare(own, boxes.get(j));
            if (overlap > 0) {
                boolean nearer = distancesMeters[j] < distancesMeters[person];
                covered = nearer ? Math.max(covered, overlap) : covered;
                add(mix, clothingOf(shopperIds.get(j)), nearer ? overlap : BEHIND_LEAK * overlap);
            }
        }
        add(mix, clothingOf(shopperIds.get(person)), Math.max(0.2, 1 - covered));
        return seen(cameraId, millis, normalized(mix), 1 + 2 * covered);
    }

    /** The embedding of a false detection: clothing of nobody in particular. */
    public AppearanceEmbedding embedNobody(String cameraId, long millis) {
        double[] c = new double[DIMENSIONS];
        add(c, common, 1);
        add(c, palettes[random.nextInt(palettes.length)], 0.9);
        add(c, gaussian(random, 1), individualVariation);
        return seen(cameraId, millis, normalized(c), 1);
    }

    private AppearanceEmbedding seen(String cameraId, long millis, double[] clothes, double noiseScale) {
        Light light = lights.computeIfAbsent(cameraId, id -> {
            Random own = new Random(seed * 17 + id.hashCode());
            return new Light(gaussian(own, LIGHT_CAST * Math.sqrt(DIMENSIONS)), gaussian(own, LIGHT_DRIFT * Math.sqrt(DIMENSIONS)),
                    40_000 + 40_000 * own.nextDouble(), 2 * Math.PI * own.nextDouble());
        });
        double swing = Math.sin(2 * Math.PI * millis / light.periodMillis() + light.phase());
        double[] values = new double[DIMENSIONS];
        for (int i = 0; i < DIMENSIONS; i++) {
            values[i] = clothes[i] + light.cast()[i] + swing * light.drift()[i]
                    + random.nextGaussian() * VIEW_NOISE * noiseScale;
        }
        return AppearanceEmbedding.ofDirection(values);
    }

    /** Share of box {@code a}'s area that box {@code b} covers. */
    private static double overlapShare(PixelBox a, PixelBox b) {
        double w = Math.min(a.right(), b.right()) - Math.max(a.left(), b.left());
        double h = Math.min(a.bottom(), b.bottom()) - Math.max(a.top(), b.top());
        return w > 0 && h > 0 ? w * h / ((a.right() - a.left()) * (a.bottom() - a.top())) : 0;
    }

    /** A Gaussian vector of expected norm about {@code norm}. */
    private static double[] gaussian(Random random, double norm) {
        double[] v = new double[DIMENSIONS];
        for (int i = 0; i < DIMENSIONS; i++) {
            v[i] = random.nextGaussian() * norm / Math.sqrt(DIMENSIONS);
        }
        return v;
    }

    private static void add(double[] sum, double[] v, double weight) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += weight * v[i];
        }
    }

    private static double[] normalized(double[] v) {
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        double[] result = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            result[i] = v[i] / norm;
        }
        return result;
    }
}
