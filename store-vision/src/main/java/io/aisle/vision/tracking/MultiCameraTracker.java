package io.aisle.vision.tracking;

import io.aisle.vision.calibration.CameraModel;
import io.aisle.vision.calibration.Ray;
import io.aisle.vision.calibration.WristLocator;
import io.aisle.vision.frame.AppearanceEmbedding;
import io.aisle.vision.frame.CameraFrame;
import io.aisle.vision.frame.Hand;
import io.aisle.vision.frame.Keypoint;
import io.aisle.vision.frame.PersonDetection;
import io.aisle.vision.frame.PixelBox;
import io.aisle.vision.observation.FloorPoint;
import io.aisle.vision.observation.ShopperObservation;
import io.aisle.vision.observation.StorePoint;
import io.aisle.vision.snapshot.SnapshotEnvelope;
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
 * A re-acquired track is reported again only once matched {@link TrackerConfig#confirmHits} times,
 * as a newcomer is; lost again before that, it is lost from where and when it was before, so a
 * false detection (one camera, one frame) neither moves an identity nor restarts its walk.
 * New identities are born only in the entry zone, so a shopper who reappears after an occlusion
 * or in another camera's view is the one who was lost, not a new one; a track lost in the entry
 * zone has left the store.
 *
 * <p>Appearance (as in DeepSORT, Wojke et al. 2017): when detections carry re-identification
 * embeddings, each track learns an exponential moving average of the embeddings of its confident,
 * unambiguous matches (high confidence, no other person's box overlapping its box in any camera,
 * and nobody within {@value #AMBIGUITY_RADIUS_METERS} m hidden from one of those cameras, so no
 * neighbour's clothing leaks into it). Once it has {@value #MIN_APPEARANCE_VIEWS} such views,
 * the first pass and re-acquisition add the cosine distance between the detection's embedding and
 * the track's times {@link TrackerConfig#appearanceWeightMeters} to the floor cost and refuse pairs
 * beyond {@link TrackerConfig#appearanceGate}, except, in the first pass, for a detection with
 * another within {@value #AMBIGUITY_RADIUS_METERS} m: its embedding may be a mix of both people, so
 * there only the combined cost is gated (floor distance plus weighted appearance distance at most
 * the floor gate plus the weighted appearance gate: a detection near on the floor may look further
 * off). A veto there cost crowded shoppers their tracks and gave their detections to look-alikes
 * nearby; no gate at all let crowds trade identities more. Two shoppers squeezing through each
 * other then keep their identities when they are dressed differently; look-alikes remain a matter
 * of position. The low-confidence second pass stays on position alone: its detections are the
 * partly covered ones, whose embeddings are mostly the occluder's. Without embeddings every cost
 * is the floor distance alone, as before.
 *
 * <p>Deterministic given its inputs. Not thread-safe: one tracker per store, fed by one thread.
 * {@link #snapshot()} and {@link #restore} checkpoint its whole state, so a tracker restored and
 * fed the same frames continues with the same identities and observations.
 */
public final class MultiCameraTracker {

    private static final double WRIST_MIN_CONFIDENCE = 0.3;
    private static final double ACCELERATION_STD_DEV = 1.5;
    private static final double MEASUREMENT_STD_DEV = 0.15;
    /** Tracks carry their learned appearance since v2; a v1 snapshot restores with none learned. */
    /**
     * Another person this close may overlap the box: a match is learned from only if each camera
     * that sees it sees them too, their boxes apart.
     */
    static final double AMBIGUITY_RADIUS_METERS = 1.0;
    /** Views learned before appearance takes part in matching: one view's noise is as large as a look-alike's difference. */
    static final int MIN_APPEARANCE_VIEWS = 5;
    /** Weight of each new view in the moving average once a track has 1 / rate views (about 1.5 s of views at 15 fps). */
    private static final double APPEARANCE_LEARNING_RATE = 0.05;
    /**
     * Stands in for the appearance distance of a pair that cannot be compared (a track that has
     * learned too little, a detection without embedding) when other pairs of the same assignment
     * can: about the distance of a true match, so neither kind of pair is favoured.
     */
    private static final double UNKNOWN_APPEARANCE_DISTANCE = 0.05;

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
        this.fusion = new CameraFusion(config.fusionRadiusMeters(), config.appearanceWeightMeters());
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
        List<FusedDetection> highLeft = associate(active, high, config.gateMeters(), detections, matched);
        List<Track> activeLeft = new ArrayList<>();
        for (Track t : active) {
            if (!matched.containsKey(t) && t.state == Track.State.ACTIVE) {
                activeLeft.add(t);
            }
        }
        associate(activeLeft, low, config.lowGateMeters(), null, matched);
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
        learnAppearances(matched, detections);
        for (FusedDetection d : unclaimed) {
            if (config.entryZone().contains(d.position())) {
                Track born = new Track(new ConstantVelocityKalman(d.position(), ACCELERATION_STD_DEV, MEASUREMENT_STD_DEV),
                        timestampMillis, d.position());
                if (isUnambiguous(born, d, detections, matched)) {
                    learnAppearance(born, d);
                }
                tracks.add(born);
                if (config.confirmHits() == 1) {
                    confirm(born);
                    observations.add(observation(born, d, timestampMillis));
                }
            }
        }
        return new TrackerTick(observations, crops);
    }

    /**
     * The tracks, their filters and the tick clock as {@code camera-tracker} snapshot bytes (see
     * {@code sensor-fusion/SNAPSHOT_FORMAT.md}); restore into a tracker of the same cameras and config.
     */
    public byte[] snapshot() {
        return SnapshotEnvelope.write(TrackerState.KIND, TrackerState.VERSION,
                new TrackerState(lastTickMillis, nextId, tracks), TrackerState.CODEC);
    }

    /**
     * Replaces this tracker's state with a {@link #snapshot()} of a tracker of the same cameras and
     * config, or with a Java-serialized tracker snapshot of an earlier release ({@code aisle-tracker-v1}
     * or {@code -v2}).
     *
     * @throws IllegalArgumentException when the bytes are not a tracker snapshot; the state is then unchanged
     */
    public void restore(byte[] snapshot) {
        byte[] current = SnapshotEnvelope.isJavaSerialized(snapshot) ? LegacyTrackerSnapshot.convert(snapshot) : snapshot;
        TrackerState state = SnapshotEnvelope.read(current, TrackerState.KIND, TrackerState.VERSION, TrackerState.CODEC);
        tracks.clear();
        tracks.addAll(state.tracks());
        lastTickMillis = state.lastTickMillis();
        nextId = state.nextId();
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

    /**
     * Hungarian assignment on predicted-position distance, plus the appearance cost when
     * {@code tick} (all detections of the tick) is given and any pair can be compared; returns the
     * detections left over.
     */
    private List<FusedDetection> associate(List<Track> candidates, List<FusedDetection> detections,
            double gateMeters, List<FusedDetection> tick, Map<Track, FusedDetection> matched) {
        double[][] cost = new double[candidates.size()][detections.size()];
        for (int i = 0; i < candidates.size(); i++) {
            FloorPoint predicted = candidates.get(i).filter.position();
            for (int j = 0; j < detections.size(); j++) {
                cost[i][j] = predicted.distanceTo(detections.get(j).position());
            }
        }
        double[][] unlike = tick != null ? appearanceDistances(candidates, detections) : null;
        if (unlike == null) {
            return applyAssignment(candidates, detections, HungarianAssignment.assign(cost, gateMeters), matched);
        }
        // Pairs over maxCost are refused by the assignment itself: the combined gate.
        for (int j = 0; j < detections.size(); j++) {
            boolean vetoes = !hasNeighbour(detections.get(j), tick);
            for (int i = 0; i < candidates.size(); i++) {
                cost[i][j] = cost[i][j] > gateMeters || vetoes && unlike[i][j] > config.appearanceGate()
                        ? Double.MAX_VALUE : cost[i][j] + config.appearanceWeightMeters() * unlike[i][j];
            }
        }
        double maxCost = gateMeters + config.appearanceWeightMeters() * config.appearanceGate();
        return applyAssignment(candidates, detections, HungarianAssignment.assign(cost, maxCost), matched);
    }

    /**
     * Cosine distances between each track's learned appearance and each detection's embedding,
     * {@link #UNKNOWN_APPEARANCE_DISTANCE} where a pair cannot be compared; null when no pair can
     * (then costs are the floor distance alone, exactly as without embeddings).
     */
    private double[][] appearanceDistances(List<Track> candidates, List<FusedDetection> detections) {
        if (config.appearanceWeightMeters() == 0) {
            return null;
        }
        double[][] unlike = new double[candidates.size()][detections.size()];
        boolean anyKnown = false;
        for (int i = 0; i < candidates.size(); i++) {
            Track t = candidates.get(i);
            for (int j = 0; j < detections.size(); j++) {
                double d = t.appearanceViews >= MIN_APPEARANCE_VIEWS
                        ? Appearances.distance(t.appearance, detections.get(j).appearance()) : Double.NaN;
                anyKnown |= !Double.isNaN(d);
                unlike[i][j] = Double.isNaN(d) ? UNKNOWN_APPEARANCE_DISTANCE : d;
            }
        }
        return anyKnown ? unlike : null;
    }

    /**
     * Lost tracks against the detections no active track took. The cost is the distance from where
     * the shopper was last seen, as a fraction of how far they could have walked since (farther is
     * refused, however alike the two look); a detection in the entry zone goes to a lost track only
     * within the normal gate, since it is more likely a newcomer. With appearance, its cost is
     * added in units of the first pass's gate (so it weighs the same however long the track was
     * lost) and pairs beyond the appearance gate are refused.
     */
    private List<FusedDetection> reacquire(List<Track> lost, List<FusedDetection> detections,
            Map<Track, FusedDetection> matched, long nowMillis) {
        double[][] unlike = appearanceDistances(lost, detections);
        double appearanceWeight = config.appearanceWeightMeters() / config.gateMeters();
        double[][] cost = new double[lost.size()][detections.size()];
        for (int i = 0; i < lost.size(); i++) {
            Track t = lost.get(i);
            double reach = config.gateMeters() + config.walkSpeedMetersPerSecond() * (nowMillis - t.lastSeenMillis) / 1000.0;
            for (int j = 0; j < detections.size(); j++) {
                FloorPoint p = detections.get(j).position();
                double distance = t.lastSeenPosition.distanceTo(p);
                boolean newcomer = config.entryZone().contains(p) && distance > config.gateMeters();
                // Beyond the reach is refused here, not left to the assignment's maxCost: with
                // appearance that bound is above 1, room meant for the appearance term only.
                if (newcomer || distance > reach) {
                    cost[i][j] = Double.MAX_VALUE;
                } else if (unlike == null) {
                    cost[i][j] = distance / reach;
                } else {
                    cost[i][j] = unlike[i][j] > config.appearanceGate()
                            ? Double.MAX_VALUE : distance / reach + appearanceWeight * unlike[i][j];
                }
            }
        }
        double maxCost = unlike == null ? 1.0 : 1.0 + appearanceWeight * config.appearanceGate();
        return applyAssignment(lost, detections, HungarianAssignment.assign(cost, maxCost), matched);
    }

    /**
     * Learns the appearance of every track whose match this tick is confident and unambiguous. An
     * unconfirmed re-acquisition is not learned from: it may be a false detection, whose embedding
     * is nobody's.
     */
    private void learnAppearances(Map<Track, FusedDetection> matched, List<FusedDetection> detections) {
        for (Track track : tracks) {
            FusedDetection d = matched.get(track);
            if (d != null && track.lostAtPosition == null && isUnambiguous(track, d, detections, matched)) {
                learnAppearance(track, d);
            }
        }
    }

    /**
     * A match to learn from: a confident detection with an embedding whose every camera's box
     * overlaps no other person's box in that camera, so no neighbour's clothing is in it, and an
     * embedding within the appearance gate of what the track has learned. Whoever is within
     * {@link #AMBIGUITY_RADIUS_METERS} must be seen by each camera that sees this detection:
     * someone hidden behind it in one camera has no box there to compare, yet leaks into it. A
     * nearby track matched to no detection this tick (merged into this one, or hidden) makes
     * the match ambiguous likewise.
     *
     * <p>Boxes rather than floor distance alone: in a queue people stand 0.5 to 1 m apart, side by
     * side to a camera their boxes do not touch, and a track that only ever learned beyond 1 m of
     * everyone would have no appearance when two of them meet.
     */
    private boolean isUnambiguous(Track track, FusedDetection d, List<FusedDetection> detections,
            Map<Track, FusedDetection> matched) {
        if (!d.appearance().isPresent() || d.confidence() < config.highConfidence()
                || overlapsAnother(d, detections)) {
            return false;
        }
        for (Track other : tracks) {
            if (other != track && !matched.containsKey(other)
                    && other.filter.position().distanceTo(d.position()) < AMBIGUITY_RADIUS_METERS) {
                return false;
            }
        }
        if (track.appearanceViews == 0) {
            return true;
        }
        double unlike = Appearances.distance(track.appearance, d.appearance());
        // Another length: the devices changed; start learning afresh rather than never again.
        return Double.isNaN(unlike) || unlike <= config.appearanceGate();
    }

    /**
     * Whether, in a camera that saw {@code d}, another detection's box overlaps d's, or another
     * detection within {@link #AMBIGUITY_RADIUS_METERS} was not seen by that camera (it may be
     * hidden behind d there).
     */
    private static boolean overlapsAnother(FusedDetection d, List<FusedDetection> detections) {
        for (FusedDetection other : detections) {
            if (other == d) {
                continue;
            }
            boolean near = other.position().distanceTo(d.position()) < AMBIGUITY_RADIUS_METERS;
            for (FloorDetection own : d.members()) {
                boolean seenThere = false;
                for (FloorDetection theirs : other.members()) {
                    if (theirs.cameraId().equals(own.cameraId())) {
                        seenThere = true;
                        if (overlap(own.source().box(), theirs.source().box())) {
                            return true;
                        }
                    }
                }
                if (near && !seenThere) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean overlap(PixelBox a, PixelBox b) {
        return Math.min(a.right(), b.right()) > Math.max(a.left(), b.left())
                && Math.min(a.bottom(), b.bottom()) > Math.max(a.top(), b.top());
    }

    /** Whether another detection of the tick is within {@link #AMBIGUITY_RADIUS_METERS}: its box may overlap. */
    private static boolean hasNeighbour(FusedDetection d, List<FusedDetection> detections) {
        for (FusedDetection other : detections) {
            if (other != d && other.position().distanceTo(d.position()) < AMBIGUITY_RADIUS_METERS) {
                return true;
            }
        }
        return false;
    }

    private static void learnAppearance(Track track, FusedDetection d) {
        if (!track.appearance.isComparableTo(d.appearance())) {
            track.appearance = d.appearance();
            track.appearanceViews = 1;
            return;
        }
        track.appearanceViews++;
        double rate = Math.max(APPEARANCE_LEARNING_RATE, 1.0 / track.appearanceViews);
        track.appearance = Appearances.blend(track.appearance, d.appearance(), rate);
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

    /**
     * Updates a matched track. A lost track re-acquired here is a shopper again only once matched
     * {@link TrackerConfig#confirmHits} times, as a newcomer is: a false detection (one camera,
     * one frame, anywhere on the floor) would otherwise carry the identity there, and the next
     * re-acquisition would measure the walk from there.
     */
    private Optional<ShopperObservation> observe(Track track, FusedDetection d, long nowMillis) {
        if (track.state == Track.State.LOST) {
            track.lostAtPosition = track.lastSeenPosition;
            track.lostAtMillis = track.lastSeenMillis;
            track.reacquiredHits = 0;
            track.filter.restartAt(d.position());
            track.state = Track.State.ACTIVE;
        } else {
            track.filter.update(d.position());
        }
        track.hits++;
        track.lastSeenMillis = nowMillis;
        track.lastSeenPosition = d.position();
        if (track.lostAtPosition != null && ++track.reacquiredHits >= config.confirmHits()) {
            track.lostAtPosition = null;
        }
        if (track.state == Track.State.TENTATIVE && track.hits >= config.confirmHits()) {
            confirm(track);
        }
        return track.state == Track.State.ACTIVE && track.lostAtPosition == null
                ? Optional.of(observation(track, d, nowMillis)) : Optional.empty();
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
                    if (track.lostAtPosition != null) {
                        // An unconfirmed re-acquisition did not last: lost as before it, from where and
                        // when the shopper was really last seen.
                        track.lastSeenPosition = track.lostAtPosition;
                        track.lastSeenMillis = track.lostAtMillis;
                        track.lostAtPosition = null;
                        track.filter.restartAt(track.lastSeenPosition);
                        track.state = Track.State.LOST;
                    } else if (config.exitZone().contains(track.lastSeenPosition)) {
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
