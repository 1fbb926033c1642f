package io.aisle.vision.testing;

import io.aisle.vision.calibration.CameraCalibration;
import io.aisle.vision.calibration.CameraPose;
import io.aisle.vision.calibration.Intrinsics;
import io.aisle.vision.calibration.ShelfFace;
import io.aisle.vision.calibration.WristLocator;
import io.aisle.vision.frame.BodyPart;
import io.aisle.vision.frame.CameraFrame;
import io.aisle.vision.frame.Keypoint;
import io.aisle.vision.frame.PersonDetection;
import io.aisle.vision.frame.PixelBox;
import io.aisle.vision.frame.PixelPoint;
import io.aisle.vision.observation.FloorPoint;
import io.aisle.vision.observation.StorePoint;
import io.aisle.vision.tracking.FloorZone;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A 12 m x 8 m store with two ceiling cameras whose views overlap in the middle: "west" sees the
 * entry gate (x in [0, 1.5], y in [2, 4]) and the west half, "east" the east half, so a walk
 * across the store is handed over from one to the other. Renders what each camera detects of a
 * set of walks, with seeded pixel noise, missed detections, false detections and occlusions.
 */
public final class SyntheticStore {

    public static final FloorZone ENTRY = new FloorZone(0, 2, 1.5, 4);
    public static final FloorPoint GATE = new FloorPoint(0.7, 3);
    public static final ShelfFace NORTH_SHELF = new ShelfFace("north", new FloorPoint(1, 6.5), new FloorPoint(11, 6.5), 2.0);
    public static final long TICK_MILLIS = 66;
    public static final double WRIST_HEIGHT_METERS = 1.0;

    private static final Intrinsics HD = new Intrinsics(600, 600, 640, 360, 1280, 720);
    public static final CameraCalibration WEST = new CameraCalibration("west", HD,
            CameraPose.lookingAt(new StorePoint(3, 0, 4), new StorePoint(3, 4.5, 0)));
    public static final CameraCalibration EAST = new CameraCalibration("east", HD,
            CameraPose.lookingAt(new StorePoint(9, 8, 4), new StorePoint(9, 3.5, 0)));
    public static final List<CameraCalibration> CAMERAS = List.of(WEST, EAST);

    private final List<ShopperWalk> walks;
    private final List<Occlusion> occlusions;
    private final Random random;
    private double pixelNoise = 2.0;
    private double missRate = 0.0;
    private double falseDetectionRate = 0.0;
    private final List<ReachWindow> reaches = new ArrayList<>();

    /** A shopper reaching into the north shelf with the right hand during a window. */
    public record ReachWindow(String shopperId, long fromMillis, long toMillis) {
    }

    public SyntheticStore(List<ShopperWalk> walks, List<Occlusion> occlusions, long seed) {
        this.walks = List.copyOf(walks);
        this.occlusions = List.copyOf(occlusions);
        this.random = new Random(seed);
    }

    public SyntheticStore withNoise(double pixelNoise, double missRate, double falseDetectionRate) {
        this.pixelNoise = pixelNoise;
        this.missRate = missRate;
        this.falseDetectionRate = falseDetectionRate;
        return this;
    }

    public SyntheticStore withReach(ReachWindow reach) {
        reaches.add(reach);
        return this;
    }

    public static WristLocator wristLocator() {
        return new WristLocator(List.of(NORTH_SHELF), 1.2);
    }

    public List<ShopperWalk> walks() {
        return walks;
    }

    /** Where each shopper in the store truly is at a time. */
    public Map<String, FloorPoint> truthAt(long millis) {
        Map<String, FloorPoint> truth = new java.util.TreeMap<>();
        for (ShopperWalk w : walks) {
            w.positionAt(millis).ifPresent(p -> truth.put(w.shopperId(), p));
        }
        return truth;
    }

    /** Where a shopper's right wrist truly is: at the shelf face while reaching, else beside the hip. */
    public StorePoint rightWristAt(String shopperId, FloorPoint position, long millis) {
        for (ReachWindow r : reaches) {
            if (r.shopperId().equals(shopperId) && millis >= r.fromMillis() && millis < r.toMillis()) {
                return new StorePoint(position.xMeters(), NORTH_SHELF.from().yMeters(), 1.3);
            }
        }
        return new StorePoint(position.xMeters() + 0.2, position.yMeters(), WRIST_HEIGHT_METERS);
    }

    /** What every camera detects at a time; a camera seeing nobody still sends an empty frame. */
    public List<CameraFrame> framesAt(long millis) {
        List<CameraFrame> frames = new ArrayList<>();
        for (CameraCalibration camera : CAMERAS) {
            List<PersonDetection> persons = new ArrayList<>();
            for (ShopperWalk w : walks) {
                Optional<FloorPoint> at = w.positionAt(millis);
                if (at.isEmpty() || random.nextDouble() < missRate) {
                    continue;
                }
                Optional<Occlusion> hidden = occlusions.stream()
                        .filter(o -> o.hides(w.shopperId(), camera.cameraId(), millis)).findFirst();
                if (hidden.isPresent() && !hidden.get().partial()) {
                    continue;
                }
                double confidence = hidden.isPresent() ? 0.2 + 0.2 * random.nextDouble() : 0.6 + 0.35 * random.nextDouble();
                detect(camera, at.get(), rightWristAt(w.shopperId(), at.get(), millis), confidence).ifPresent(persons::add);
            }
            if (random.nextDouble() < falseDetectionRate) {
                FloorPoint ghost = new FloorPoint(2 + 8 * random.nextDouble(), 1 + 6 * random.nextDouble());
                detect(camera, ghost, new StorePoint(ghost.xMeters(), ghost.yMeters(), 1), 0.5 + 0.2 * random.nextDouble())
                        .ifPresent(persons::add);
            }
            frames.add(new CameraFrame(camera.cameraId(), millis, persons));
        }
        return frames;
    }

    private Optional<PersonDetection> detect(CameraCalibration camera, FloorPoint at, StorePoint rightWrist, double confidence) {
        Optional<PixelPoint> foot = camera.project(new StorePoint(at.xMeters(), at.yMeters(), 0));
        Optional<PixelPoint> head = camera.project(new StorePoint(at.xMeters(), at.yMeters(), 1.75));
        if (foot.isEmpty() || head.isEmpty() || !inside(camera, foot.get()) || !inside(camera, head.get())) {
            return Optional.empty();
        }
        double height = Math.max(10, foot.get().v() - head.get().v());
        double halfWidth = 0.2 * height;
        double u = foot.get().u() + noise();
        double bottom = foot.get().v() + noise();
        PixelBox box = new PixelBox(u - halfWidth, Math.min(head.get().v(), bottom - 10), u + halfWidth, bottom);
        Map<BodyPart, Keypoint> keypoints = new EnumMap<>(BodyPart.class);
        StorePoint leftWrist = new StorePoint(at.xMeters() - 0.2, at.yMeters(), WRIST_HEIGHT_METERS);
        camera.project(leftWrist).filter(p -> inside(camera, p))
                .ifPresent(p -> keypoints.put(BodyPart.LEFT_WRIST, new Keypoint(noisy(p), 0.9)));
        camera.project(rightWrist).filter(p -> inside(camera, p))
                .ifPresent(p -> keypoints.put(BodyPart.RIGHT_WRIST, new Keypoint(noisy(p), 0.9)));
        return Optional.of(new PersonDetection(box, confidence, keypoints, List.of()));
    }

    private PixelPoint noisy(PixelPoint p) {
        return new PixelPoint(p.u() + noise(), p.v() + noise());
    }

    private double noise() {
        return random.nextGaussian() * pixelNoise;
    }

    private static boolean inside(CameraCalibration camera, PixelPoint p) {
        // Keep the box bottom off the image edge, where the tracker cannot trust the feet.
        return p.u() >= 0 && p.v() >= 0 && p.u() < camera.intrinsics().widthPixels()
                && p.v() < camera.intrinsics().heightPixels() - 8;
    }
}
