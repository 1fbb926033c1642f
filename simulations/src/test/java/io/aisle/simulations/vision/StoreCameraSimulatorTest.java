package io.aisle.simulations.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.fusion.layout.StoreLayout;
import io.aisle.simulations.store.ShopperPose;
import io.aisle.simulations.store.StoreLayoutGenerator;
import io.aisle.vision.calibration.CameraCalibration;
import io.aisle.vision.frame.AppearanceEmbedding;
import io.aisle.vision.frame.CameraFrame;
import io.aisle.vision.frame.PersonDetection;
import io.aisle.vision.observation.FloorPoint;
import io.aisle.vision.observation.StorePoint;
import io.aisle.vision.render.ProductAppearance;
import io.aisle.vision.scene.SimulatedAppearance;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreCameraSimulatorTest {

    private static final StoreLayout STORE = StoreLayoutGenerator.generate("s", 120, 0.0, 1);
    private static final StoreCameraRig RIG = StoreCameraRig.forLayout(STORE);
    private static final StoreCameraSimulator.Noise EXACT = new StoreCameraSimulator.Noise(0, 0, 0);

    private static ShopperPose standingAt(String id, double x, double y) {
        return new ShopperPose(id, 1_000, new FloorPoint(x, y), new StorePoint(x - 0.2, y, 1.0),
                new StorePoint(x + 0.2, y, 1.0));
    }

    private static int camerasSeeing(List<CameraFrame> frames) {
        return (int) frames.stream().filter(f -> !f.persons().isEmpty()).count();
    }

    @Test
    void aShopperRightBehindAGondolaIsHiddenFromCamerasOnItsOtherSide() {
        double aisleY = StoreLayoutGenerator.gondolaY(0) + StoreLayoutGenerator.GONDOLA_DEPTH_METERS + 0.05;
        double corridorY = StoreLayoutGenerator.gondolaY(0) - 1.2;
        StoreCameraSimulator cameras = new StoreCameraSimulator(RIG, EXACT, List.of(), STORE.floorWidthMeters(),
                STORE.floorDepthMeters(), 1);

        List<CameraFrame> besideTheShelf = cameras.frames(List.of(standingAt("a", 5, aisleY)), 1_000);
        List<CameraFrame> inTheOpen = cameras.frames(List.of(standingAt("a", 5, corridorY)), 1_000);

        for (int c = 0; c < RIG.cameras().size(); c++) {
            CameraCalibration camera = RIG.cameras().get(c);
            if (camera.pose().position().yMeters() < StoreLayoutGenerator.gondolaY(0)) {
                assertTrue(besideTheShelf.get(c).persons().isEmpty(), camera.cameraId() + " sees through the gondola");
            }
        }
        assertTrue(camerasSeeing(besideTheShelf) >= 1);
        assertTrue(camerasSeeing(inTheOpen) >= 1);
    }

    @Test
    void onlyTheNearestCameraSendsTheCropOfAHeldProduct() {
        ProductAppearance look = ProductAppearance.of("app-0001", 0, 2);
        StoreCameraSimulator cameras = new StoreCameraSimulator(RIG, EXACT,
                List.of(new StoreCameraSimulator.HeldProduct("a", 500, 1_500, look)), STORE.floorWidthMeters(),
                STORE.floorDepthMeters(), 1);

        List<CameraFrame> frames = cameras.frames(List.of(standingAt("a", 4, 2.0)), 1_000);

        long crops = frames.stream().flatMap(f -> f.persons().stream()).mapToLong(p -> p.handCrops().size()).sum();
        assertTrue(camerasSeeing(frames) >= 2, "the shopper should be seen by several cameras");
        assertEquals(1, crops);
    }
    private static StoreCameraSimulator typicalCameras() {
        return new StoreCameraSimulator(RIG, StoreCameraSimulator.Noise.typical(), List.of(), STORE.floorWidthMeters(),
                STORE.floorDepthMeters(), 3);
    }

    private static List<ShopperPose> twoShoppersSideBySide(long millis) {
        return List.of(new ShopperPose("a", millis, new FloorPoint(4, 2.0), new StorePoint(3.8, 2.0, 1.0),
                new StorePoint(4.2, 2.0, 1.0)), new ShopperPose("b", millis, new FloorPoint(4.15, 2.0),
                new StorePoint(3.95, 2.0, 1.0), new StorePoint(4.35, 2.0, 1.0)));
    }

    @Test
    void boxesMissesAndFalseDetectionsAreTheSameWithOrWithoutAppearance() {
        StoreCameraSimulator plain = typicalCameras();
        StoreCameraSimulator dressed = typicalCameras().withAppearance(SimulatedAppearance.typical(4));
        for (long t = 0; t < 3_000; t += 66) {
            List<CameraFrame> without = plain.frames(twoShoppersSideBySide(t), t);
            List<CameraFrame> with = dressed.frames(twoShoppersSideBySide(t), t);
            for (int c = 0; c < without.size(); c++) {
                assertEquals(without.get(c).persons().size(), with.get(c).persons().size());
                for (int p = 0; p < without.get(c).persons().size(); p++) {
                    PersonDetection bare = without.get(c).persons().get(p);
                    PersonDetection seen = with.get(c).persons().get(p);
                    assertFalse(bare.appearance().isPresent());
                    assertTrue(seen.appearance().isPresent());
                    assertEquals(bare, seen.withAppearance(AppearanceEmbedding.NONE));
                }
            }
        }
    }

    @Test
    void twoShoppersSqueezedTogetherAreSeenAsAMixOfBoth() {
        SimulatedAppearance look = SimulatedAppearance.typical(4);
        StoreCameraSimulator cameras = new StoreCameraSimulator(RIG, EXACT, List.of(), STORE.floorWidthMeters(),
                STORE.floorDepthMeters(), 3).withAppearance(look);
        List<CameraFrame> together = cameras.frames(twoShoppersSideBySide(1_000), 1_000);
        List<CameraFrame> alone = cameras.frames(List.of(twoShoppersSideBySide(1_066).get(0)), 1_066);

        int mixed = 0;
        for (int c = 0; c < together.size(); c++) {
            if (together.get(c).persons().size() == 2 && alone.get(c).persons().size() == 1) {
                AppearanceEmbedding a = together.get(c).persons().get(0).appearance();
                AppearanceEmbedding b = together.get(c).persons().get(1).appearance();
                // Each box of the pair carries some of the other's clothing, so the two look closer than their clothes are.
                double clothing = 1 - dot(look.clothingOf("a"), look.clothingOf("b"));
                assertTrue(a.cosineDistance(b) < 0.8 * clothing, a.cosineDistance(b) + " vs clothing " + clothing);
                mixed++;
            }
        }
        assertTrue(mixed >= 1, "some camera sees both");
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
