package io.aisle.simulations.vision;

import io.aisle.fusion.layout.PlateBox;
import io.aisle.simulations.store.ShopperPose;
import io.aisle.vision.calibration.CameraCalibration;
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
import io.aisle.vision.scene.SimulatedAppearance;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * What the cameras of a {@link StoreCameraRig} detect of the store simulator's true poses at one
 * instant: per camera, a person box from feet to head (1.75 m) with seeded pixel noise, both wrists
 * as keypoints, missed detections, false detections on the floor, and two kinds of occlusion
 * decided by geometry: a person whose feet are hidden by a gondola (the ray from the camera to the
 * feet passes through the shelf block) is not detected, and a person whose box is covered more than
 * 80 % by a nearer person's box is not detected, over 40 % is detected with a low confidence (0.15
 * to 0.4), as the ByteTrack second pass expects. While a shopper's hand is at a plate taking or
 * returning a product, the detection of them by the nearest camera (the sharpest view, as an edge
 * device would choose it) carries a crop of that product rendered with the recognizer's renderer;
 * one crop per shopper and frame, not one per camera. With a {@link SimulatedAppearance}, every
 * detection carries an appearance embedding of the shopper's seeded clothing, seen with noise and
 * the camera's lighting and mixed with whoever overlaps the box; it draws from its own random, so
 * boxes, misses and false detections are the same with or without it.
 *
 * <p>Mutable (its random advances with every frame); call {@link #frames} in time order from one thread.
 */
public final class StoreCameraSimulator {

    private static final double PERSON_HEIGHT_METERS = 1.75;

    /**
     * The noise of the simulated detector.
     *
     * @param pixelNoise standard deviation of box edges and keypoints, pixels
     * @param missRate chance that a camera misses a visible, unoccluded person in a frame
     * @param falseDetectionRate chance per camera frame of a detection where nobody is
     */
    public record Noise(double pixelNoise, double missRate, double falseDetectionRate) {

        public Noise {
            if (!(pixelNoise >= 0) || !(missRate >= 0 && missRate < 1) || !(falseDetectionRate >= 0 && falseDetectionRate <= 1)) {
                throw new IllegalArgumentException("need pixelNoise >= 0, missRate in [0, 1), falseDetectionRate in [0, 1]"
                        + " but were " + pixelNoise + ", " + missRate + ", " + falseDetectionRate);
            }
        }

        /** 2 px noise, 5 % missed and 2 % false detections per camera frame. */
        public static Noise typical() {
            return new Noise(2.0, 0.05, 0.02);
        }
    }

    /** What a shopper holds during a window around a pick or put-back (shelf clock). */
    public record HeldProduct(String shopperId, long fromMillis, long toMillis, ProductAppearance appearance) {
    }

    private final StoreCameraRig rig;
    private final Noise noise;
    private final List<HeldProduct> held;
    private final double floorWidth;
    private final double floorDepth;
    private final Random random;
    /**
     * Crops draw from a stream of their own: otherwise a run with hand crops would see every later detection with
     * other noise than the same run without, and a server ignoring the crops (no recognizer) would not give the
     * receipts of {@code --no-vision}.
     */
    private final Random cropRandom;
    private static final long CROP_SEED_SALT = 0xC80B5L;
    private final CropRenderer renderer = new CropRenderer(io.aisle.vision.scene.CameraScene.CROP_SIZE_PIXELS);
    private SimulatedAppearance appearance;
    private long crops;

    public StoreCameraSimulator(StoreCameraRig rig, Noise noise, List<HeldProduct> held, double floorWidthMeters,
            double floorDepthMeters, long seed) {
        this.rig = rig;
        this.noise = noise;
        this.held = List.copyOf(held);
        this.floorWidth = floorWidthMeters;
        this.floorDepth = floorDepthMeters;
        this.random = new Random(seed);
        this.cropRandom = new Random(seed ^ CROP_SEED_SALT);
    }

    /** Lets every detection carry an appearance embedding drawn from {@code model}. */
    public StoreCameraSimulator withAppearance(SimulatedAppearance model) {
        this.appearance = model;
        return this;
    }

    /** Hand crops rendered so far. */
    public long crops() {
        return crops;
    }

    /**
     * Every camera's frame at one instant; a camera seeing nobody still sends an empty frame.
     *
     * @param poses the true poses of everyone in the store at that instant (shelf clock)
     * @param frameMillis the frames' timestamp on the camera clock
     */
    public List<CameraFrame> frames(List<ShopperPose> poses, long frameMillis) {
        List<CameraFrame> frames = new ArrayList<>(rig.cameras().size());
        int[] nearestCamera = new int[poses.size()];
        List<String> shopperIds = new ArrayList<>(poses.size());
        for (int i = 0; i < poses.size(); i++) {
            nearestCamera[i] = nearestCamera(poses.get(i).position());
            shopperIds.add(poses.get(i).shopperId());
        }
        for (int cameraIndex = 0; cameraIndex < rig.cameras().size(); cameraIndex++) {
            CameraCalibration camera = rig.cameras().get(cameraIndex);
            List<PixelBox> clean = new ArrayList<>(poses.size());
            double[] distance = new double[poses.size()];
            StorePoint eye = camera.pose().position();
            for (int i = 0; i < poses.size(); i++) {
                FloorPoint at = poses.get(i).position();
                clean.add(feetHidden(eye, at) ? null : cleanBox(camera, at).orElse(null));
                distance[i] = Math.hypot(at.xMeters() - eye.xMeters(), at.yMeters() - eye.yMeters());
            }
            List<PersonDetection> persons = new ArrayList<>();
            for (int i = 0; i < poses.size(); i++) {
                PixelBox box = clean.get(i);
                if (box == null || random.nextDouble() < noise.missRate()) {
                    continue;
                }
                double cover = coveredFraction(i, clean, distance);
                if (cover > 0.8) {
                    continue;
                }
                double confidence = cover > 0.4 ? 0.15 + 0.25 * random.nextDouble() : 0.6 + 0.35 * random.nextDouble();
                ShopperPose pose = poses.get(i);
                PersonDetection person = detection(camera, box, pose.leftWrist(), pose.rightWrist(), confidence,
                        nearestCamera[i] == cameraIndex ? heldBy(pose.shopperId(), pose.timestampMillis()) : Optional.empty());
                persons.add(appearance == null ? person : person.withAppearance(
                        appearance.embed(camera.cameraId(), frameMillis, i, shopperIds, clean, distance)));
            }
            if (noise.falseDetectionRate() > 0 && random.nextDouble() < noise.falseDetectionRate()) {
                FloorPoint ghost = new FloorPoint(random.nextDouble() * floorWidth, random.nextDouble() * floorDepth);
                cleanBox(camera, ghost).map(box -> detection(camera, box,
                        new StorePoint(ghost.xMeters() - 0.2, ghost.yMeters(), 1), new StorePoint(ghost.xMeters() + 0.2,
                                ghost.yMeters(), 1), 0.5 + 0.2 * random.nextDouble(), Optional.empty()))
                        .map(p -> appearance == null ? p : p.withAppearance(appearance.embedNobody(camera.cameraId(), frameMillis)))
                        .ifPresent(persons::add);
            }
            frames.add(new CameraFrame(camera.cameraId(), frameMillis, persons));
        }
        return frames;
    }

    private int nearestCamera(FloorPoint at) {
        int best = 0;
        double bestDistance = Double.MAX_VALUE;
        for (int c = 0; c < rig.cameras().size(); c++) {
            StorePoint eye = rig.cameras().get(c).pose().position();
            double d = Math.hypot(at.xMeters() - eye.xMeters(), at.yMeters() - eye.yMeters());
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    private Optional<ProductAppearance> heldBy(String shopperId, long millis) {
        for (HeldProduct h : held) {
            if (h.shopperId().equals(shopperId) && millis >= h.fromMillis() && millis <= h.toMillis()) {
                return Optional.of(h.appearance());
            }
        }
        return Optional.empty();
    }

    /** True when the segment from the camera to the feet passes through a gondola's block. */
    private boolean feetHidden(StorePoint eye, FloorPoint feet) {
        for (PlateBox g : rig.gondolas()) {
            if (segmentHitsBox(eye, feet, g)) {
                return true;
            }
        }
        return false;
    }

    /** Slab test of the segment eye to (feet, z = 0.05) against an axis-aligned box. */
    private static boolean segmentHitsBox(StorePoint eye, FloorPoint feet, PlateBox box) {
        double[] origin = {eye.xMeters(), eye.yMeters(), eye.zMeters()};
        double[] delta = {feet.xMeters() - eye.xMeters(), feet.yMeters() - eye.yMeters(), 0.05 - eye.zMeters()};
        double[] min = {box.min().xMeters(), box.min().yMeters(), box.min().zMeters()};
        double[] max = {box.max().xMeters(), box.max().yMeters(), box.max().zMeters()};
        double enter = 0;
        double leave = 1;
        for (int axis = 0; axis < 3; axis++) {
            if (Math.abs(delta[axis]) < 1e-12) {
                if (origin[axis] < min[axis] || origin[axis] > max[axis]) {
                    return false;
                }
                continue;
            }
            double t1 = (min[axis] - origin[axis]) / delta[axis];
            double t2 = (max[axis] - origin[axis]) / delta[axis];
            enter = Math.max(enter, Math.min(t1, t2));
            leave = Math.min(leave, Math.max(t1, t2));
            if (enter > leave) {
                return false;
            }
        }
        return true;
    }

    /** The largest share of box {@code i} covered by one box nearer to the camera (a lower bound of the union). */
    private static double coveredFraction(int i, List<PixelBox> boxes, double[] distance) {
        PixelBox b = boxes.get(i);
        double area = (b.right() - b.left()) * (b.bottom() - b.top());
        double most = 0;
        for (int j = 0; j < boxes.size(); j++) {
            PixelBox o = boxes.get(j);
            if (j == i || o == null || distance[j] >= distance[i]) {
                continue;
            }
            double w = Math.min(b.right(), o.right()) - Math.max(b.left(), o.left());
            double h = Math.min(b.bottom(), o.bottom()) - Math.max(b.top(), o.top());
            if (w > 0 && h > 0) {
                most = Math.max(most, w * h / area);
            }
        }
        return most;
    }

    /**
     * A person's box without noise, or empty when feet or head leave the image. From above the
     * head projects beside the feet, so the box spans both, with a shoulder-wide margin.
     */
    private static Optional<PixelBox> cleanBox(CameraCalibration camera, FloorPoint at) {
        Optional<PixelPoint> foot = camera.project(new StorePoint(at.xMeters(), at.yMeters(), 0));
        Optional<PixelPoint> head = camera.project(new StorePoint(at.xMeters(), at.yMeters(), PERSON_HEIGHT_METERS));
        if (foot.isEmpty() || head.isEmpty() || !inside(camera, foot.get()) || !inside(camera, head.get())) {
            return Optional.empty();
        }
        double halfWidth = 0.25 * camera.intrinsics().fx() / (StoreCameraRig.CAMERA_HEIGHT_METERS - 1.0);
        double top = Math.min(head.get().v(), foot.get().v() - 10);
        return Optional.of(new PixelBox(foot.get().u() - halfWidth, top, foot.get().u() + halfWidth, foot.get().v()));
    }

    private PersonDetection detection(CameraCalibration camera, PixelBox c, StorePoint leftWrist, StorePoint rightWrist,
            double confidence, Optional<ProductAppearance> holding) {
        double halfWidth = (c.right() - c.left()) / 2;
        double u = (c.left() + c.right()) / 2 + gaussian();
        double bottom = c.bottom() + gaussian();
        PixelBox box = new PixelBox(u - halfWidth, Math.min(c.top(), bottom - 10), u + halfWidth, bottom);
        Map<BodyPart, Keypoint> keypoints = new EnumMap<>(BodyPart.class);
        camera.project(leftWrist).filter(p -> inside(camera, p))
                .ifPresent(p -> keypoints.put(BodyPart.LEFT_WRIST, new Keypoint(noisy(p), 0.9)));
        camera.project(rightWrist).filter(p -> inside(camera, p))
                .ifPresent(p -> keypoints.put(BodyPart.RIGHT_WRIST, new Keypoint(noisy(p), 0.9)));
        List<HandCrop> handCrops = List.of();
        if (holding.isPresent()) {
            crops++;
            handCrops = List.of(new HandCrop(Hand.RIGHT, renderer.renderPng(holding.get(), cropRandom)));
        }
        return new PersonDetection(box, confidence, keypoints, handCrops);
    }

    private PixelPoint noisy(PixelPoint p) {
        return new PixelPoint(p.u() + gaussian(), p.v() + gaussian());
    }

    private double gaussian() {
        return noise.pixelNoise() == 0 ? 0 : random.nextGaussian() * noise.pixelNoise();
    }

    private static boolean inside(CameraCalibration camera, PixelPoint p) {
        // Keep the box bottom off the image edge, where the tracker cannot trust the feet.
        return p.u() >= 0 && p.v() >= 0 && p.u() < camera.intrinsics().widthPixels()
                && p.v() < camera.intrinsics().heightPixels() - 8;
    }
}
