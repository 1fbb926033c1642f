package io.aisle.simulations.vision;

import io.aisle.vision.frame.CameraFrame;
import io.aisle.vision.scene.CameraScene;
import io.aisle.vision.scene.SceneLayout;
import io.aisle.vision.scene.SceneLayouts;
import io.aisle.vision.tracking.MultiCameraTracker;
import io.aisle.vision.tracking.TrackerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Tracking cost per 15 fps tick, for 2 and 8 cameras over the same kind of scene: 20 shoppers
 * entering 1.5 s apart and visiting four random spots of a bay store, with pixel noise, 5 % missed
 * and 5 % false detections. Frames are rendered once in setup; the measured work is projection,
 * fusion, association and Kalman updates. Real-time multiple = 66 ms / (time per tick).
 *
 * <p>Run: {@code java -cp "simulations/target/aisle-simulations.jar:simulations/target/lib/*"
 * org.openjdk.jmh.Main TrackerBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TrackerBenchmark {

    /** Camera pairs: 1 bay is 2 cameras, 4 bays are 8. */
    @Param({"1", "4"})
    public int bays;

    private SceneLayout layout;
    private List<List<CameraFrame>> ticks;
    private long firstTick;
    private MultiCameraTracker tracker;
    private int next;

    @Setup(Level.Trial)
    public void renderFrames() {
        layout = SceneLayouts.bays(bays);
        CameraScene scene = new CameraScene(layout, SceneLayouts.randomWalks(layout, 20, 4, 0, 1500, 5), List.of(), 9)
                .withNoise(3.0, 0.05, 0.05);
        ticks = new ArrayList<>();
        for (long t = 0; t <= scene.endMillis(); t += CameraScene.TICK_MILLIS) {
            ticks.add(scene.framesAt(t));
        }
        firstTick = 0;
        restart();
    }

    private void restart() {
        tracker = new MultiCameraTracker(layout.cameras(), layout.wristLocator(), TrackerConfig.defaults(layout.entryZone()));
        next = 0;
    }

    /** One tick of all cameras; the scene replays from the start with a fresh tracker when it ends. */
    @Benchmark
    public int tick() {
        if (next == ticks.size()) {
            restart();
        }
        long t = firstTick + next * CameraScene.TICK_MILLIS;
        return tracker.update(t, ticks.get(next++)).size();
    }
}
