package io.aisle.vision.tracking;

import io.aisle.vision.calibration.CameraModel;
import io.aisle.vision.calibration.Ray;
import io.aisle.vision.calibration.WristLocator;
import io.aisle.vision.frame.CameraFrame;
import io.aisle.vision.frame.Hand;
import io.aisle.vision.frame.Keypoint;
import io.aisle.vision.frame.PersonDetection;
import io.aisle.vision.observation.FloorPoint;
import io.aisle.vision.observation.ShopperObservation;
import io.aisle.vision.observation.StorePoint;
import io.aisle.vision.snapshot.Snapshots;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tracks shoppers on the floor from the frames of all cameras of one store.
 *
 * <p>Each tick: project every person box's foot point to the floor, fuse the cameras' detections
 * of one person ({@link CameraFusion}), predict every track with a constant-velocity Kalman filter
 * and associate in three Hungarian passes: high-confidence detections to active tracks, then
 * low-confidence detections to the active tracks left (the second pass of ByteTrack, Zhang et al.
 * 2022, which keeps tracks alive through partial occlusion), then remaining high-confidence
 * detections to lost tracks within the distance the shopper could have walked since last seen.
 * New identities are born only in the entry zone, so a shopper who reappears after an occlusion
 * or in another camera's view is the one who was lost, not a new one; a track lost in the entry
 * zone has left the store.
 *
 * <p>Deterministic given its inputs. Not thread-safe: one tracker per store, fed by one thread.
 * {@link #snapshot()} and {@link #restore} checkpoint its whole state, so a tracker restored and
 * fed the same frames continues with the same identities and observations.
 */
public final class MultiCameraTracker {

    private static final double WRIST_MIN_CONFIDENCE = 0.3;
    private static final double ACCELERATION_STD_DEV = 1.5;
    private static final double MEASUREMENT_STD_DEV = 0.15;
    private static final String SNAPSHOT_FORMAT = "aisle-tracker-v1";

    private final Map<String, CameraModel> cameras = new HashMap<>();
    private final WristLocator wristLocator;
    private final TrackerConfig config;
    private final CameraFusion fusion;
    private final List<Track> tracks = new ArrayList<>();
    private long lastTickMillis = -1;
    private int nextId = 1;

    /**
     * @param cameras fully calibrated cameras give wrists in 3D; homography-only ones give floor positions
     */
    public MultiCameraTracker(List<? extends CameraModel> cameras, WristLocator wristLocator, TrackerConfig config) {
        for (CameraModel camera : cameras) {
            if (this.cameras.put(camera.cameraId(), camera) != null) {
                throw new IllegalArgumentException("camera " + camera.cameraId() + " is listed twice");
            }
        }
        this.wristLocator = wristLocator;
        this.config = config;
        this.fusion = new CameraFusion(config.fusionRadiusMeters());
    }

    /**
     * Consumes the frames of all cameras captured at one tick and returns an observation for every
     * confirmed shopper seen in them, in the order tracks were created.
     *
     * @param timestampMillis the tick's capture time; never earlier than the previous tick
     * @param frames at most one frame per camera; every camera must be calibrated
     * @throws IllegalArgumentException for an unknown camera, two frames of one camera or a tick
     *     back in time, before any track changes
     */
    public List<ShopperObservation> update(long timestampMillis, List<CameraFrame> frames) {
        return track(timestampMillis, frames).observations();
    }

    /**
     * {@link #update}, also returning the tick's hand crops attributed to the confirmed track whose
     * detection carried them (crops of unconfirmed or unmatched detections are dropped).
     */
    public TrackerTick track(long timestampMillis, List<CameraFrame> frames) {
        if (timestampMillis < lastTickMillis) {
            throw new IllegalArgumentException("timestampMillis must not go back but was " + timestampMillis
                    + " after " + lastTickMillis);
        }
        Set<String> camerasInTick = new HashSet<>();
        for (CameraFrame frame : frames) {
            if (!cameras.containsKey(frame.cameraId())) {
                throw new IllegalArgumentException("camera " + frame.cameraId() + " is not calibrated");
            }
            if (!camerasInTick.add(frame.cameraId())) {
                throw new IllegalArgumentException("camera " + frame.cameraId() + " sent two frames for one tick");
            }
        }
        double dtSeconds = lastTickMillis < 0 ? 0 : (timestampMillis - lastTickMillis) / 1000.0;
        lastTickMillis = timestampMillis;

        List<FusedDetection> detections = fusion.fuse(project(frames));
        for (Track track : tracks) {
            track.filter.predict(dtSeconds);
        }
        List<FusedDetection> high = new ArrayList<>();
        List<FusedDetection> low = new ArrayList<>();
        for (FusedDetection d : detections) {
            (d.confidence() >= config.highConfidence() ? high : low).add(d);
        }

        Map<Track, FusedDetection> matched = new HashMap<>();
        List<Track> active = tracksIn(Track.State.ACTIVE, Track.State.TENTATIVE);
        List<FusedDetection> highLeft = associate(active, high, config.gateMeters(), matched);
        List<Track> activeLeft = new ArrayList<>();
        for (Track t : active) {
            if (!matched.containsKey(t) && t.state == Track.State.ACTIVE) {
                activeLeft.add(t);
            }
        }
        associate(activeLeft, low, config.lowGateMeters(), matched);
        List<FusedDetection> unclaimed = reacquire(tracksIn(Track.State.LOST), highLeft, matched, timestampMillis);

        List<ShopperObservation> observations = new ArrayList<>();
        List<TrackedHandCrop> crops = new ArrayList<>();
        for (Track track : new ArrayList<>(tracks)) {
            FusedDetection d = matched.get(track);
            if (d != null) {
                Optional<ShopperObservation> seen = observe(track, d, timestampMillis);
                seen.ifPresent(observations::add);
                if (seen.isPresent()) {
                    for (FloorDetection member : d.members()) {
                        member.source().handCrops().forEach(c -> crops.add(
                                new TrackedHandCrop(track.id, timestampMillis, member.cameraId(), c)));
                    }
                }
            } else {
                age(track, timestampMillis);
            }
        }
        for (FusedDetection d : unclaimed) {
            if (config.entryZone().contains(d.position())) {
                Track born = new Track(new ConstantVelocityKalman(d.position(), ACCELERATION_STD_DEV, MEASUREMENT_STD_DEV),
                        timestampMillis, d.position());
                tracks.add(born);
                if (config.confirmHits() == 1) {
                    confirm(born);
                    observations.add(observation(born, d, timestampMillis));
                }
            }
        }
        return new TrackerTick(observations, crops);
    }

    /** The tracks, their filters and the tick clock as bytes; restore into a tracker of the same cameras and config. */
    public byte[] snapshot() {
        return Snapshots.write(SNAPSHOT_FORMAT, new State(lastTickMillis, nextId, new ArrayList<>(tracks)));
    }

    /**
     * Replaces this tracker's state with a {@link #snapshot()} of a tracker of the same cameras and config.
     *
     * @throws IllegalArgumentException when the bytes are not a tracker snapshot; the state is then unchanged
     */
    public void restore(byte[] snapshot) {
        State state = Snapshots.read(snapshot, SNAPSHOT_FORMAT, State.class);
        tracks.clear();
        tracks.addAll(state.tracks());
        lastTickMillis = state.lastTickMillis();
        nextId = state.nextId();
    }

    /** Everything of a tracker that changes. */
    private record State(long lastTickMillis, int nextId, ArrayList<Track> tracks) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** Tracks that are shoppers now (seen recently or waiting to be re-acquired). */
    public int shopperCount() {
        return (int) tracks.stream().filter(t -> t.state != Track.State.TENTATIVE).count();
    }

    private List<FloorDetection> project(List<CameraFrame> frames) {
        List<FloorDetection> result = new ArrayList<>();
        for (CameraFrame frame : frames) {
            CameraModel camera = cameras.get(frame.cameraId());
            for (PersonDetection person : frame.persons()) {
                // A box cut by the image's bottom edge does not show the feet.
                if (person.confidence() < config.lowConfidence()
                        || person.box().bottom() >= camera.heightPixels() - 1) {
                    continue;
                }
                camera.floorPoint(person.box().footPoint()).ifPresent(p -> result.add(new FloorDetection(
                        camera.cameraId(), person, p, wristRay(camera, person, Hand.LEFT),
                        wristRay(camera, person, Hand.RIGHT))));
            }
        }
        return result;
    }

    private static Optional<Ray> wristRay(CameraModel camera, PersonDetection person, Hand hand) {
        Optional<Keypoint> wrist = person.wrist(hand);
        if (wrist.isEmpty() || wrist.get().confidence() < WRIST_MIN_CONFIDENCE) {
            return Optional.empty();
        }
        return camera.findRay(wrist.get().point());
    }

    private List<Track> tracksIn(Track.State... states) {
        List<Track> result = new ArrayList<>();
        for (Track t : tracks) {
            for (Track.State s : states) {
                if (t.state == s) {
                    result.add(t);
                }
            }
        }
        return result;
    }

    /** Hungarian assignment on predicted-position distance; returns the detections left over. */
    private static List<FusedDetection> associate(List<Track> candidates, List<FusedDetection> detections,
            double gateMeters, Map<Track, FusedDetection> matched) {
        double[][] cost = new double[candidates.size()][detections.size()];
        for (int i = 0; i < candidates.size(); i++) {
            FloorPoint predicted = candidates.get(i).filter.position();
            for (int j = 0; j < detections.size(); j++) {
                cost[i][j] = predicted.distanceTo(detections.get(j).position());
            }
        }
        return applyAssignment(candidates, detections, HungarianAssignment.assign(cost, gateMeters), matched);
    }

    /**
     * Lost tracks against the detections no active track took. The cost is the distance from where
     * the shopper was last seen, as a fraction of how far they could have walked since; a detection
     * in the entry zone goes to a lost track only within the normal gate, since it is more likely a
     * newcomer.
     */
    private List<FusedDetection> reacquire(List<Track> lost, List<FusedDetection> detections,
            Map<Track, FusedDetection> matched, long nowMillis) {
        double[][] cost = new double[lost.size()][detections.size()];
        for (int i = 0; i < lost.size(); i++) {
            Track t = lost.get(i);
            double reach = config.gateMeters() + config.walkSpeedMetersPerSecond() * (nowMillis - t.lastSeenMillis) / 1000.0;
            for (int j = 0; j < detections.size(); j++) {
                FloorPoint p = detections.get(j).position();
                double distance = t.lastSeenPosition.distanceTo(p);
                boolean newcomer = config.entryZone().contains(p) && distance > config.gateMeters();
                cost[i][j] = newcomer ? Double.MAX_VALUE : distance / reach;
            }
        }
        return applyAssignment(lost, detections, HungarianAssignment.assign(cost, 1.0), matched);
    }

    private static List<FusedDetection> applyAssignment(List<Track> candidates, List<FusedDetection> detections,
            int[] assignment, Map<Track, FusedDetection> matched) {
        boolean[] taken = new boolean[detections.size()];
        for (int i = 0; i < assignment.length; i++) {
            if (assignment[i] >= 0) {
                matched.put(candidates.get(i), detections.get(assignment[i]));
                taken[assignment[i]] = true;
            }
        }
        List<FusedDetection> left = new ArrayList<>();
        for (int j = 0; j < detections.size(); j++) {
            if (!taken[j]) {
                left.add(detections.get(j));
            }
        }
        return left;
    }

    private Optional<ShopperObservation> observe(Track track, FusedDetection d, long nowMillis) {
        if (track.state == Track.State.LOST) {
            track.filter.restartAt(d.position());
            track.state = Track.State.ACTIVE;
        } else {
            track.filter.update(d.position());
        }
        track.hits++;
        track.lastSeenMillis = nowMillis;
        track.lastSeenPosition = d.position();
        if (track.state == Track.State.TENTATIVE && track.hits >= config.confirmHits()) {
            confirm(track);
        }
        return track.state == Track.State.ACTIVE ? Optional.of(observation(track, d, nowMillis)) : Optional.empty();
    }

    private void confirm(Track track) {
        track.state = Track.State.ACTIVE;
        track.id = "shopper-" + nextId++;
    }

    private void age(Track track, long nowMillis) {
        long unseen = nowMillis - track.lastSeenMillis;
        switch (track.state) {
            case TENTATIVE -> tracks.remove(track);
            case ACTIVE -> {
                if (unseen > config.maxCoastMillis()) {
                    if (config.exitZone().contains(track.lastSeenPosition)) {
                        tracks.remove(track);
                    } else {
                        track.state = Track.State.LOST;
                    }
                }
            }
            case LOST -> {
                if (unseen > config.maxLostMillis()) {
                    tracks.remove(track);
                }
            }
        }
    }

    private ShopperObservation observation(Track track, FusedDetection d, long nowMillis) {
        FloorPoint position = track.filter.position();
        return new ShopperObservation(track.id, nowMillis, position, wrist(d, Hand.LEFT, position),
                wrist(d, Hand.RIGHT, position));
    }

    private Optional<StorePoint> wrist(FusedDetection d, Hand hand, FloorPoint shopper) {
        List<Ray> rays = new ArrayList<>();
        for (FloorDetection member : d.members()) {
            (hand == Hand.LEFT ? member.leftWristRay() : member.rightWristRay()).ifPresent(rays::add);
        }
        return rays.isEmpty() ? Optional.empty() : wristLocator.locate(rays, shopper);
    }
}
