package io.aisle.serving.store;

import io.aisle.vision.calibration.CalibrationFile;
import io.aisle.vision.frame.CameraFrame;
import io.aisle.vision.frame.CameraFrameWriter;
import io.aisle.vision.observation.FloorPoint;
import io.aisle.vision.render.ProductAppearance;
import io.aisle.vision.scene.CameraScene;
import io.aisle.vision.scene.SceneLayouts;
import io.aisle.vision.scene.ShopperWalk;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The two-camera scene of store-vision as a store session: a shopper walks from the gate to the
 * north shelf face, reaches into a plate there while it loses one unit (oats), and walks out.
 * Frames and readings come in 200 ms chunks (within the engine's allowed lateness). With a held
 * product, the frames of the reach carry rendered crops of it in the shopper's right hand.
 */
public final class CameraSession {

    /** One chunk: the frame batch (null when no tick falls in it) and the readings. */
    public record Chunk(long fromMillis, String framesJson, String readingsJson) {
    }

    private final long t0;
    private final long seed;
    private final Optional<ProductAppearance> held;

    public CameraSession(long t0, long seed) {
        this(t0, seed, Optional.empty());
    }

    public CameraSession(long t0, long seed, Optional<ProductAppearance> held) {
        this.t0 = t0;
        this.seed = seed;
        this.held = held;
    }

    /** When the unit leaves the plate. */
    long liftMillis() {
        return t0 + 7_800;
    }

    public List<Chunk> chunks() {
        List<FloorPoint> path = new ArrayList<>(List.of(SceneLayouts.twoCameraStore().gate(), new FloorPoint(2.5, 5.8)));
        for (int i = 0; i < 20; i++) {
            // Shuffling on the spot: the scene's shoppers never stop walking.
            path.add(new FloorPoint(2.5, i % 2 == 0 ? 5.75 : 5.8));
        }
        path.add(new FloorPoint(2.75, 2.9));
        ShopperWalk walk = new ShopperWalk("ann", t0, 0.5, path);
        long liftMillis = liftMillis();
        CameraScene scene = new CameraScene(SceneLayouts.twoCameraStore(), List.of(walk), List.of(), seed)
                .withNoise(1.0, 0, 0).withReach(new CameraScene.ReachWindow("ann", liftMillis - 500, liftMillis + 150, held));
        Random noise = new Random(seed);
        long tick = t0 / CameraScene.TICK_MILLIS * CameraScene.TICK_MILLIS;
        List<Chunk> chunks = new ArrayList<>();
        for (long from = t0; from < walk.exitMillis() + 3_000; from += 200) {
            List<CameraFrame> frames = new ArrayList<>();
            for (; tick < from + 200; tick += CameraScene.TICK_MILLIS) {
                frames.addAll(scene.framesAt(tick));
            }
            StringBuilder readings = new StringBuilder("{\"readings\":[");
            for (long t = from; t < from + 200; t += 16) {
                double grams = 8_000 - 350 * Math.min(1, Math.max(0, (t - liftMillis) / 150.0)) + noise.nextGaussian();
                readings.append(t == from ? "" : ",").append("{\"plate\":\"N1\",\"ts\":").append(t)
                        .append(",\"grams\":").append(grams).append('}');
            }
            chunks.add(new Chunk(from, frames.isEmpty() ? null : new String(CameraFrameWriter.write(frames), StandardCharsets.UTF_8),
                    readings.append("]}").toString()));
        }
        return chunks;
    }

    /** A layout matching the two-camera scene: the entry at its gate, a plate on its north shelf face. */
    public static String layoutJson(String store) {
        return """
            {"store": "%s", "floor": {"widthMeters": 12, "depthMeters": 8},
             "entry": {"minX": 0, "minY": 2, "maxX": 1.5, "maxY": 4},
             "exit": {"minX": 2, "minY": 2.5, "maxX": 3.5, "maxY": 3.3},
             "products": [{"sku": "OATS", "name": "Oats", "unitWeightGrams": 350, "weightStdDevGrams": 3, "appearanceId": "app-oats"}],
             "gondolas": [{"id": "N", "shelves": [{"id": "N-S1", "plates": [
               {"id": "N1", "loadCell": "LC-N1", "capacityGrams": 60000,
                "box": {"min": [2.1, 6.5, 1.1], "max": [2.9, 7.0, 1.5]}, "facings": [{"sku": "OATS", "count": 20}]}]}]}]}
            """.formatted(store);
    }

    /**
     * The same store with two products on its plate that weigh the same and look different: 15
     * units of {@code OATS} and 5 of {@code OATS-GOLD}, so weight alone takes the gold ones for
     * the common ones.
     */
    public static String lookAlikeLayoutJson(String store) {
        return layoutJson(store)
                .replace("\"appearanceId\": \"app-oats\"}", "\"appearanceId\": \"app-oats\"},"
                        + " {\"sku\": \"OATS-GOLD\", \"name\": \"Gold oats\", \"unitWeightGrams\": 350,"
                        + " \"weightStdDevGrams\": 3, \"appearanceId\": \"app-gold\"}")
                .replace("\"facings\": [{\"sku\": \"OATS\", \"count\": 20}]",
                        "\"facings\": [{\"sku\": \"OATS\", \"count\": 15}, {\"sku\": \"OATS-GOLD\", \"count\": 5}]");
    }

    public static String camerasJson() {
        String calibration = new String(CalibrationFile.write(SceneLayouts.twoCameraStore().cameras()), StandardCharsets.UTF_8);
        return calibration.substring(0, calibration.lastIndexOf('}'))
                + ",\"shelfFaces\":[{\"shelfId\":\"north\",\"from\":[1,6.5],\"to\":[11,6.5],\"heightMeters\":2.0}],"
                + "\"reachMeters\":1.2}";
    }
}
