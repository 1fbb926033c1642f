package io.aisle.vision.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.vision.frame.CameraFrame;
import io.aisle.vision.frame.PersonDetection;
import io.aisle.vision.metrics.TrackingEvaluator;
import io.aisle.vision.metrics.TrackingScores;
import io.aisle.vision.observation.FloorPoint;
import io.aisle.vision.tracking.MultiCameraTracker;
import io.aisle.vision.tracking.TrackerConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class CameraSceneTest {

    private static final SceneLayout STORE = SceneLayouts.twoCameraStore();

    /** Two shoppers standing still at the given spots during the first second. */
    private static List<ShopperWalk> standing(FloorPoint front, FloorPoint back) {
        return List.of(new ShopperWalk("front", 0, 0.0001, List.of(front, new FloorPoint(front.xMeters(), front.yMeters() + 1e-4))),
                new ShopperWalk("back", 0, 0.0001, List.of(back, new FloorPoint(back.xMeters(), back.yMeters() + 1e-4))));
    }

    private static CameraFrame westFrame(CameraScene scene) {
        return scene.framesAt(0).stream().filter(f -> f.cameraId().equals("west")).findFirst().orElseThrow();
    }

    @Test
    void aShopperRightBehindAnotherIsHiddenFromThatCamera() {
        // The west camera stands at (3, 0) and looks north: "back" is right behind "front".
        List<ShopperWalk> walks = standing(new FloorPoint(3, 3.0), new FloorPoint(3, 3.25));
        assertEquals(2, westFrame(new CameraScene(STORE, walks, List.of(), 1).withNoise(0, 0, 0)).persons().size());
        assertEquals(1, westFrame(new CameraScene(STORE, walks, List.of(), 1).withNoise(0, 0, 0).withShopperOcclusion())
                .persons().size());
    }

    @Test
    void aShopperHalfBehindAnotherIsSeenWithLowConfidence() {
        List<ShopperWalk> walks = standing(new FloorPoint(3, 3.0), new FloorPoint(3.2, 3.35));
        List<PersonDetection> persons = westFrame(new CameraScene(STORE, walks, List.of(), 1).withNoise(0, 0, 0)
                .withShopperOcclusion()).persons();
        assertEquals(2, persons.size());
        assertTrue(persons.stream().anyMatch(p -> p.confidence() < 0.5), persons.toString());
    }

    @Test
    void tracksACrowdThatHidesItselfFromTheCameras() {
        SceneLayout layout = SceneLayouts.bays(4);
        CameraScene scene = new CameraScene(layout, SceneLayouts.randomWalks(layout, 30, 4, 0, 1000, 5), List.of(), 9)
                .withNoise(3.0, 0.05, 0.05).withShopperOcclusion();
        MultiCameraTracker tracker = new MultiCameraTracker(layout.cameras(), layout.wristLocator(),
                TrackerConfig.defaults(layout.entryZone()));
        TrackingScores scores = new TrackingEvaluator(0.5).evaluate(SceneRun.of(scene, tracker, 0, scene.endMillis()).frames());
        System.out.println("bays(4), 30 shoppers hiding each other: " + scores);
        assertTrue(scores.idf1() >= 0.9, scores.toString());
        assertTrue(scores.mota() >= 0.95, scores.toString());
    }
}
