package io.aisle.simulations.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.fusion.layout.StoreLayout;
import io.aisle.simulations.store.ShopperPose;
import io.aisle.simulations.store.StoreLayoutGenerator;
import io.aisle.vision.calibration.CameraCalibration;
import io.aisle.vision.frame.CameraFrame;
import io.aisle.vision.observation.FloorPoint;
import io.aisle.vision.observation.StorePoint;
import io.aisle.vision.render.ProductAppearance;
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
}
