package io.aisle.vision.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.vision.calibration.CameraCalibration;
import io.aisle.vision.metrics.TrackingEvaluator;
import io.aisle.vision.metrics.TrackingScores;
import io.aisle.vision.observation.FloorPoint;
import io.aisle.vision.observation.StorePoint;
import io.aisle.vision.tracking.FloorZone;
import io.aisle.vision.tracking.MultiCameraTracker;
import io.aisle.vision.tracking.TrackerConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class SceneLayoutsTest {

    private static boolean seesWholePerson(CameraCalibration camera, FloorPoint p) {
        return List.of(0.0, 1.75).stream().allMatch(z -> camera.project(new StorePoint(p.xMeters(), p.yMeters(), z))
                .map(px -> camera.intrinsics().contains(px.u(), px.v() + 8)).orElse(false));
    }

    @Test
    void everyWalkablePointOfTheBaysIsSeenByACamera() {
        SceneLayout layout = SceneLayouts.bays(4);
        FloorZone floor = layout.walkable();
        for (double x = floor.minXMeters(); x <= floor.maxXMeters(); x += 0.25) {
            for (double y = floor.minYMeters(); y <= floor.maxYMeters(); y += 0.25) {
                FloorPoint p = new FloorPoint(x, y);
                assertTrue(layout.cameras().stream().anyMatch(c -> seesWholePerson(c, p)), "no camera sees " + p);
            }
        }
    }

    @Test
    void randomWalksStartAndEndAtTheGate() {
        SceneLayout layout = SceneLayouts.bays(2);
        for (ShopperWalk walk : SceneLayouts.randomWalks(layout, 5, 4, 0, 1000, 3)) {
            assertEquals(0, layout.gate().distanceTo(walk.positionAt(walk.enterMillis()).orElseThrow()), 1e-9);
            // The exit time is rounded to the millisecond: within 1.3 mm of the gate.
            assertEquals(0, layout.gate().distanceTo(walk.positionAt(walk.exitMillis()).orElseThrow()), 2e-3);
        }
    }

    @Test
    void tracksTwentyShoppersAcrossEightCamerasWithNoise() {
        SceneLayout layout = SceneLayouts.bays(4);
        CameraScene scene = new CameraScene(layout, SceneLayouts.randomWalks(layout, 20, 4, 0, 1500, 5), List.of(), 9)
                .withNoise(3.0, 0.05, 0.05);
        MultiCameraTracker tracker = new MultiCameraTracker(layout.cameras(), layout.wristLocator(),
                TrackerConfig.defaults(layout.entryZone()));
        TrackingScores scores = new TrackingEvaluator(0.5).evaluate(SceneRun.of(scene, tracker, 0, scene.endMillis()).frames());
        System.out.println("bays(4), 20 shoppers: " + scores);
        assertTrue(scores.idf1() >= 0.9, scores.toString());
    }
}
