package io.aisle.vision.scene;

import io.aisle.vision.calibration.CameraCalibration;
import io.aisle.vision.calibration.ShelfFace;
import io.aisle.vision.frame.BodyPart;
import io.aisle.vision.frame.CameraFrame;
import io.aisle.vision.frame.Hand;
import io.aisle.vision.frame.HandCrop;
import io.aisle.vision.frame.Keypoint;
import io.aisle.vision.frame.PersonDetection;
import io.aisle.vision.frame.PixelBox;
import io.aisle.vision.frame.PixelPoint;
import io.aisle.vision.observation.FloorPoint;
import io.aisle.vision.observation.StorePoint;
import io.aisle.vision.render.CropRenderer;
import io.aisle.vision.render.ProductAppearance;
import io.aisle.vision.tracking.FloorZone;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Random;

/**
 * What the cameras of a {@link SceneLayout} detect of a set of walks, tick by tick: a person box
 * from feet to head (1.75 m), both wrists as keypoints, seeded pixel noise, missed detections,
 * false detections on the walkable floor, scripted occlusions, optionally shoppers hiding each
 * other, and rendered product crops while a shopper reaches into a shelf holding a product. A
 * person is detected only when feet and head are both in the image.
 *
 * <p>Mutable (its random advances with every frame); call {@link #framesAt} in time order from one
 * thread.
 */
public final class CameraScene {

    /** 15 frames per second, rounded down to whole milliseconds. */
    public static final long TICK_MILLIS = 66;
    public static final double WRIST_HEIGHT_METERS = 1.0;
    public static final double REACH_HEIGHT_METERS = 1.3;
    private static final double PERSON_HEIGHT_METERS = 1.75;

    private final SceneLayout layout;
    private final List<ShopperWalk> walks;
    private final List<Occlusion> occlusions;
    private final List<ReachWindow> reaches = new ArrayList<>();
    private final Random random;
    private double pixelNoise = 2.0;
    private double missRate;
    private double falseDetectionRate;
    private boolean shopperOcclusion;
    private SimulatedAppearance appearance;

    /**
     * A shopper reaching into the nearest shelf face with the right hand during a window, holding
     * a product when one is given: then every detection of that shopper in the window carries a
     * rendered crop of it, as an edge device sends at pick time.
     */
    public record ReachWindow(String shopperId, long fromMillis, long toMillis, Optional<ProductAppearance> product) {

        public ReachWindow(String shopperId, long fromMillis, long toMillis) {
            this(shopperId, fromMillis, toMillis, Optional.empty());
        }

        boolean covers(String shopper, long millis) {
            return shopperId.equals(shopper) && millis >= fromMillis && millis < toMillis;
        }
    }

    /** Hand crops are rendered at this size, in pixels. */
    public static final int CROP_SIZE_PIXELS = 32;
    private final CropRenderer cropRenderer = new CropRenderer(CROP_SIZE_PIXELS);

    public CameraScene(SceneLayout layout, List<ShopperWalk> walks, List<Occlusion> occlusions, long seed) {
        this.layout = layout;
        this.walks = List.copyOf(walks);
        this.occlusions = List.copyOf(occlusions);
        this.random = new Random(seed);
    }

    /**
     * @param pixelNoise standard deviation of box edges and keypoints, pixels
     * @param missRate chance that a camera misses a visible person in a frame
     * @param falseDetectionRate chance per camera frame of a detection where nobody is
     */
    public CameraScene withNoise(double pixelNoise, double missRate, double falseDetectionRate) {
        this.pixelNoise = pixelNoise;
        this.missRate = missRate;
        this.falseDetectionRate = falseDetectionRate;
        return this;
    }

    /**
     * Lets shoppers hide each other: in each camera, a person whose box is covered more than 80 %
     * by the boxes of people nearer to the camera is not detected, and one covered more than 40 %
     * is detected with a low confidence (0.15 to 0.4).
     */
    public CameraScene withShopperOcclusion() {
        this.shopperOcclusion = true;
        return this;
    }

    /**
     * Lets every detection carry an appearance embedding of the shopper's clothing as a
     * re-identification head would compute it (noisy, lit by the camera, mixed with whoever
     * overlaps the box); false detections carry the clothing of nobody in the scene.
     */
    public CameraScene withAppearance(SimulatedAppearance model) {
        this.appearance = model;
        return this;
    }

    public CameraScene withReach(ReachWindow reach) {
        reaches.add(reach);
        return this;
    }

    public SceneLayout layout() {
        return layout;
    }

    public List<ShopperWalk> walks() {
        return walks;
    }

    /** When the last shopper has left. */
    public long endMillis() {
        return walks.stream().mapToLong(ShopperWalk::exitMillis).max().orElse(0);
    }

    /** Where each shopper in the store truly is at a time, by shopper id. */
    public Map<String, FloorPoint> truthAt(long millis) {
        Map<String, FloorPoint> truth = new TreeMap<>();
        for (ShopperWalk w : walks) {
            w.positionAt(millis).ifPresent(p -> truth.put(w.shopperId(), p));
        }
        return truth;
    }

    /** Where a shopper's right wrist truly is: on the nearest shelf face while reaching, else beside the hip. */
    public StorePoint rightWristAt(String shopperId, FloorPoint position, long millis) {
        for (ReachWindow r : reaches) {
            if (r.covers(shopperId, millis) && !layout.shelves().isEmpty()) {
                ShelfFace nearest = layout.shelves().get(0);
                for (ShelfFace face : layout.shelves()) {
                    if (face.distanceTo(position) < nearest.distanceTo(position)) {
                        nearest = face;
                    }
                }
                FloorPoint onFace = nearest.closestPoint(position);
                return new StorePoint(onFace.xMeters(), onFace.yMeters(), REACH_HEIGHT_METERS);
            }
        }
        return new StorePoint(position.xMeters() + 0.2, position.yMeters(), WRIST_HEIGHT_METERS);
    }

    /** What every camera detects at a time; a camera seeing nobody still sends an empty frame. */
    public List<CameraFrame> framesAt(long millis) {
        List<CameraFrame> frames = new ArrayList<>();
        for (CameraCalibration camera : layout.cameras()) {
            List<PersonDetection> persons = new ArrayList<>();
            Boxes boxes = shopperOcclusion || appearance != null ? boxesAt(camera, millis) : null;
            Map<String, Double> covered = shopperOcclusion ? coveredFractions(boxes) : Map.of();
            for (ShopperWalk w : walks) {
                Optional<FloorPoint> at = w.positionAt(millis);
                if (at.isEmpty() || random.nextDouble() < missRate) {
                    continue;
                }
                Optional<Occlusion> hidden = occlusions.stream()
                        .filter(o -> o.hides(w.shopperId(), camera.cameraId(), millis)).findFirst();
                double cover = covered.getOrDefault(w.shopperId(), 0.0);
                if (hidden.isPresent() && !hidden.get().partial() || cover > 0.8) {
                    continue;
                }
                double confidence = hidden.isPresent() || cover > 0.4
                        ? 0.15 + 0.25 * random.nextDouble() : 0.6 + 0.35 * random.nextDouble();
                detect(camera, at.get(), rightWristAt(w.shopperId(), at.get(), millis), confidence)
                        .map(p -> withPickCrop(p, w.shopperId(), millis))
                        .map(p -> appearance == null ? p : p.withAppearance(appearance.embed(camera.cameraId(), millis,
                                boxes.ids().indexOf(w.shopperId()), boxes.ids(), boxes.boxes(), boxes.distances())))
                        .ifPresent(persons::add);
            }
            if (falseDetectionRate > 0 && random.nextDouble() < falseDetectionRate) {
                FloorZone floor = layout.walkable();
                FloorPoint ghost = new FloorPoint(
                        floor.minXMeters() + random.nextDouble() * (floor.maxXMeters() - floor.minXMeters()),
                        floor.minYMeters() + random.nextDouble() * (floor.maxYMeters() - floor.minYMeters()));
                detect(camera, ghost, new StorePoint(ghost.xMeters(), ghost.yMeters(), 1), 0.5 + 0.2 * random.nextDouble())
                        .map(p -> appearance == null ? p : p.withAppearance(appearance.embedNobody(camera.cameraId(), millis)))
                        .ifPresent(persons::add);
            }
            frames.add(new CameraFrame(camera.cameraId(), millis, persons));
        }
        return frames;
    }

    private PersonDetection withPickCrop(PersonDetection person, String shopperId, long millis) {
        for (ReachWindow r : reaches) {
            if (r.covers(shopperId, millis) && r.product().isPresent()) {
                HandCrop crop = new HandCrop(Hand.RIGHT, cropRenderer.renderPng(r.product().get(), random));
                return new PersonDetection(person.box(), person.confidence(), person.keypoints(), List.of(crop));
            }
        }
        return person;
    }

    /** The clean boxes of everyone in a camera's view at one instant, with their floor distance from it. */
    private record Boxes(List<String> ids, List<PixelBox> boxes, double[] distances) {
    }

    private Boxes boxesAt(CameraCalibration camera, long millis) {
        List<String> ids = new ArrayList<>();
        List<PixelBox> boxes = new ArrayList<>();
        List<Double> distances = new ArrayList<>();
        for (ShopperWalk w : walks) {
            Optional<FloorPoint> at = w.positionAt(millis);
            if (at.isEmpty()) {
                continue;
            }
            cleanBox(camera, at.get()).ifPresent(box -> {
                ids.add(w.shopperId());
                boxes.add(box);
                StorePoint c = camera.pose().position();
                distances.add(Math.hypot(at.get().xMeters() - c.xMeters(), at.get().yMeters() - c.yMeters()));
            });
        }
        return new Boxes(ids, boxes, distances.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * For each shopper in view, the largest fraction of their box covered by the box of one
     * shopper nearer to the camera (one occluder at a time: a lower bound of the covered union).
     */
    private static Map<String, Double> coveredFractions(Boxes view) {
        List<String> ids = view.ids();
        List<PixelBox> boxes = view.boxes();
        double[] distances = view.distances();
        Map<String, Double> covered = new TreeMap<>();
        for (int i = 0; i < ids.size(); i++) {
            PixelBox b = boxes.get(i);
            double area = (b.right() - b.left()) * (b.bottom() - b.top());
            double most = 0;
            for (int j = 0; j < ids.size(); j++) {
                if (j != i && distances[j] < distances[i]) {
                    PixelBox o = boxes.get(j);
                    double w = Math.min(b.right(), o.right()) - Math.max(b.left(), o.left());
                    double h = Math.min(b.bottom(), o.bottom()) - Math.max(b.top(), o.top());
                    if (w > 0 && h > 0) {
                        most = Math.max(most, w * h / area);
                    }
                }
            }
            covered.put(ids.get(i), most);
        }
        return covered;
    }

    /** A person's box without noise, or empty when feet or head are out of the image. */
    private static Optional<PixelBox> cleanBox(CameraCalibration camera, FloorPoint at) {
        Optional<PixelPoint> foot = camera.project(new StorePoint(at.xMeters(), at.yMeters(), 0));
        Optional<PixelPoint> head = camera.project(new StorePoint(at.xMeters(), at.yMeters(), PERSON_HEIGHT_METERS));
        if (foot.isEmpty() || head.isEmpty() || !inside(camera, foot.get()) || !inside(camera, head.get())) {
            return Optional.empty();
        }
        double height = Math.max(10, foot.get().v() - head.get().v());
        double halfWidth = 0.2 * height;
        return Optional.of(new PixelBox(foot.get().u() - halfWidth, Math.min(head.get().v(), foot.get().v() - 10),
                foot.get().u() + halfWidth, foot.get().v()));
    }

    private Optional<PersonDetection> detect(CameraCalibration camera, FloorPoint at, StorePoint rightWrist, double confidence) {
        Optional<PixelBox> clean = cleanBox(camera, at);
        if (clean.isEmpty()) {
            return Optional.empty();
        }
        PixelBox c = clean.get();
        double halfWidth = (c.right() - c.left()) / 2;
        double u = (c.left() + c.right()) / 2 + noise();
        double bottom = c.bottom() + noise();
        PixelBox box = new PixelBox(u - halfWidth, Math.min(c.top(), bottom - 10), u + halfWidth, bottom);
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
        return pixelNoise == 0 ? 0 : random.nextGaussian() * pixelNoise;
    }

    private static boolean inside(CameraCalibration camera, PixelPoint p) {
        // Keep the box bottom off the image edge, where the tracker cannot trust the feet.
        return p.u() >= 0 && p.v() >= 0 && p.u() < camera.intrinsics().widthPixels()
                && p.v() < camera.intrinsics().heightPixels() - 8;
    }
}
