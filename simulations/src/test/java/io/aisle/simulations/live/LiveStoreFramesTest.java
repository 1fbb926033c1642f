package io.aisle.simulations.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aisle.fusion.layout.StoreLayout;
import io.aisle.simulations.store.ShopperPose;
import io.aisle.simulations.store.StoreLayoutGenerator;
import io.aisle.simulations.vision.StoreCameraRig;
import io.aisle.simulations.vision.StoreCameraSimulator;
import io.aisle.vision.frame.CameraFrame;
import io.aisle.vision.observation.FloorPoint;
import io.aisle.vision.observation.StorePoint;
import io.aisle.vision.scene.SimulatedAppearance;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The live store posts what the in-process run of its seed sees, on the posted clock. */
class LiveStoreFramesTest {

    private static final StoreLayout STORE = StoreLayoutGenerator.generate("s", 120, 0.0, 1);
    private static final StoreCameraRig RIG = StoreCameraRig.forLayout(STORE);
    /** A shift of whole 66 s steps, as a live run moves its times to the wall clock. */
    private static final long OFFSET_MILLIS = 27_217_000L * 66_000L;

    private static StoreCameraSimulator cameras() {
        return new StoreCameraSimulator(RIG, StoreCameraSimulator.Noise.typical(), List.of(), STORE.floorWidthMeters(),
                STORE.floorDepthMeters(), 3).withAppearance(SimulatedAppearance.typical(4));
    }

    private static List<ShopperPose> shopperAt(long millis) {
        return List.of(new ShopperPose("a", millis, new FloorPoint(4, 2.0), new StorePoint(3.8, 2.0, 1.0),
                new StorePoint(4.2, 2.0, 1.0)));
    }

    @Test
    void postsTheFramesOfTheSimulatorsClockStampedOnThePostedOne() {
        StoreCameraSimulator inProcess = cameras();
        StoreCameraSimulator live = cameras();
        for (long t = 10_000; t < 13_000; t += 66) {
            List<CameraFrame> seen = inProcess.frames(shopperAt(t), t);
            List<CameraFrame> posted = LiveStore.postedFrames(live, shopperAt(t), t, OFFSET_MILLIS);

            assertEquals(seen.size(), posted.size());
            for (int c = 0; c < seen.size(); c++) {
                assertEquals(seen.get(c).timestampMillis() + OFFSET_MILLIS, posted.get(c).timestampMillis());
                // The appearance embeddings drift with the simulated light: the same only on the same clock.
                assertEquals(seen.get(c).persons(), posted.get(c).persons(), "camera " + c + " at " + t);
            }
        }
    }
}
