package io.aisle.vision.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.vision.frame.AppearanceEmbedding;
import io.aisle.vision.frame.PixelBox;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedAppearanceTest {

    private static final PixelBox BOX = new PixelBox(100, 50, 160, 300);
    private static final double[] ONE_METRE = {1.0};

    private static AppearanceEmbedding viewAlone(SimulatedAppearance model, String shopper, String camera, long millis) {
        return model.embed(camera, millis, 0, List.of(shopper), List.of(BOX), ONE_METRE);
    }

    private static double cosineDistance(double[] a, double[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return 1 - dot;
    }

    /** Clothing distances of every pair of 40 shoppers, sorted. */
    private static double[] pairDistances(SimulatedAppearance model) {
        List<Double> distances = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            for (int j = i + 1; j < 40; j++) {
                distances.add(cosineDistance(model.clothingOf("s" + i), model.clothingOf("s" + j)));
            }
        }
        return distances.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    private static double meanViewDistance(SimulatedAppearance model, String shopper, String cameraA, String cameraB) {
        double sum = 0;
        for (int t = 0; t < 200; t++) {
            sum += viewAlone(model, shopper, cameraA, t * 66L).cosineDistance(viewAlone(model, shopper, cameraB, t * 66L + 66));
        }
        return sum / 200;
    }

    @Test
    void theSameSeedDressesAndSeesEveryoneTheSame() {
        SimulatedAppearance a = SimulatedAppearance.typical(9);
        SimulatedAppearance b = SimulatedAppearance.typical(9);
        assertTrue(Arrays.equals(a.clothingOf("ann"), b.clothingOf("ann")));
        assertEquals(viewAlone(a, "ann", "north", 0), viewAlone(b, "ann", "north", 0));
    }

    @Test
    void shoppersOfDifferentPalettesLookFarFurtherApartThanTwoViewsOfOneShopper() {
        SimulatedAppearance model = SimulatedAppearance.typical(3);
        double[] pairs = pairDistances(model);
        double median = pairs[pairs.length / 2];
        double twoCameras = meanViewDistance(model, "s0", "north", "south");
        assertTrue(median > 3 * twoCameras, "median pair " + median + " vs two views " + twoCameras);
    }

    /** Look-alikes are confusable: appearance is evidence, not an identity label. */
    @Test
    void someShoppersLookAsAlikeAsTwoViewsOfOneShopper() {
        SimulatedAppearance model = SimulatedAppearance.typical(3);
        double[] pairs = pairDistances(model);
        double twoCameras = meanViewDistance(model, "s0", "north", "south");
        long confusable = Arrays.stream(pairs).filter(d -> d < twoCameras).count();
        // Six palettes: about one pair in six shares a palette, and a good part of those are this close.
        assertTrue(confusable >= 20, confusable + " of " + pairs.length + " pairs closer than " + twoCameras);
    }

    @Test
    void aBoxMostlyCoveredByANearerShopperLooksLikeThatShopper() {
        SimulatedAppearance model = SimulatedAppearance.typical(5);
        String front = "s1";
        String back = "s2";
        for (int i = 3; cosineDistance(model.clothingOf(front), model.clothingOf(back)) < 0.3; i++) {
            back = "s" + i;
        }
        PixelBox behind = new PixelBox(BOX.left() + 10, BOX.top(), BOX.right() + 10, BOX.bottom());
        AppearanceEmbedding covered = model.embed("north", 0, 1, List.of(front, back), List.of(BOX, behind),
                new double[] {1.0, 1.2});
        AppearanceEmbedding frontAlone = viewAlone(model, front, "north", 66);
        AppearanceEmbedding backAlone = viewAlone(model, back, "north", 132);
        assertTrue(covered.cosineDistance(frontAlone) < covered.cosineDistance(backAlone),
                "a box 83 % covered by the front shopper looks more like them");
    }

    @Test
    void identicalClothingGivesNoWayToTellTwoShoppersApart() {
        SimulatedAppearance model = new SimulatedAppearance(5, 1, 0);
        assertTrue(Arrays.equals(model.clothingOf("ann"), model.clothingOf("bob")));
    }
}
