package io.aisle.vision.ingest;

import static io.aisle.vision.json.JsonFields.index;
import static io.aisle.vision.json.JsonFields.join;

import io.aisle.vision.calibration.CameraModel;
import io.aisle.vision.calibration.WristLocator;
import io.aisle.vision.frame.CameraFrame;
import io.aisle.vision.frame.CameraFrameReader;
import io.aisle.vision.frame.FrameLimits;
import io.aisle.vision.frame.FrameTooLargeException;
import io.aisle.vision.json.InvalidFieldException;
import io.aisle.vision.observation.ShopperObservation;
import io.aisle.vision.snapshot.SnapshotCodec;
import io.aisle.vision.snapshot.SnapshotEnvelope;
import io.aisle.vision.snapshot.SnapshotReader;
import io.aisle.vision.tracking.MultiCameraTracker;
import io.aisle.vision.tracking.TrackedHandCrop;
import io.aisle.vision.tracking.TrackerConfig;
import io.aisle.vision.tracking.TrackerTick;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The camera input of one store: JSON frame batches in (the body of
 * {@code POST /v1/stores/{store}/camera-frames} or one Kafka record), shopper observations and
 * tracked hand crops out, as ticks complete.
 *
 * <p>A batch is checked whole before anything changes: a malformed batch, or one naming a camera
 * that is not calibrated, raises {@link InvalidFieldException} (HTTP 400); one over the
 * {@link FrameLimits} raises {@link FrameTooLargeException} (HTTP 413). Either way the tracks are
 * untouched.
 *
 * <p>Not thread-safe: one per store, fed by one thread (a Kafka partition's consumer, or a
 * serialising queue in front of the endpoint). {@link #snapshot()} and {@link #restore} checkpoint
 * the frames waiting for their tick and the tracks, so a successor resumes the same identities.
 */
public final class StoreCameraIngest {

    /** 15 frames per second. */
    public static final long DEFAULT_TICK_MILLIS = 66;
    /** How long a tick waits for a slow camera once newer frames arrive. */
    public static final long DEFAULT_MAX_LATENESS_MILLIS = 200;

    /** The two parts' own snapshots. */
    record State(byte[] assembler, byte[] tracker) {
    }

    private static final String KIND = "camera-ingest";
    /** Format version of the body; bump it with every layout change and document both in SNAPSHOT_FORMAT.md. */
    private static final int VERSION = 1;
    private static final SnapshotCodec<State> CODEC = SnapshotCodec.of(
            (state, out) -> out.writeSection("assembler", s -> s.writeBytes(state.assembler()))
                    .writeSection("tracker", s -> s.writeBytes(state.tracker())),
            in -> new State(in.readSection("assembler", SnapshotReader::readBytes),
                    in.readSection("tracker", SnapshotReader::readBytes)));

    private final CameraFrameReader reader;
    private final Set<String> cameraIds = new HashSet<>();
    private final TickAssembler assembler;
    private final MultiCameraTracker tracker;
    /**
     * Newest frame time per camera, for sensor health. Not in the snapshot: cameras send many
     * frames a second, so a restored ingest knows them again within a batch.
     */
    private final Map<String, Long> newestFrameMillis = new TreeMap<>();

    public StoreCameraIngest(List<? extends CameraModel> cameras, WristLocator wristLocator, TrackerConfig config,
            FrameLimits limits, long tickMillis, long maxLatenessMillis) {
        cameras.forEach(c -> cameraIds.add(c.cameraId()));
        this.reader = new CameraFrameReader(limits);
        this.assembler = new TickAssembler(cameraIds, tickMillis, maxLatenessMillis);
        this.tracker = new MultiCameraTracker(cameras, wristLocator, config);
    }

    /** With the default bounds, 15 fps ticks and 200 ms of lateness. */
    public static StoreCameraIngest withDefaults(List<? extends CameraModel> cameras, WristLocator wristLocator,
            TrackerConfig config) {
        return new StoreCameraIngest(cameras, wristLocator, config, FrameLimits.DEFAULT, DEFAULT_TICK_MILLIS,
                DEFAULT_MAX_LATENESS_MILLIS);
    }

    /** The bounds a request body is read within; an edge can refuse a longer body before reading it. */
    public FrameLimits limits() {
        return reader.limits();
    }

    /**
     * Reads one batch and tracks every tick it completes.
     *
     * @throws InvalidFieldException the batch is malformed or names an uncalibrated camera (400)
     * @throws FrameTooLargeException the batch exceeds the frame limits (413)
     */
    public TrackerTick accept(byte[] body) {
        List<CameraFrame> frames = reader.read(body);
        for (int i = 0; i < frames.size(); i++) {
            if (!cameraIds.contains(frames.get(i).cameraId())) {
                throw new InvalidFieldException(join(index("frames", i), "cameraId"),
                        "names camera '" + frames.get(i).cameraId() + "', which is not calibrated for this store");
            }
        }
        for (CameraFrame frame : frames) {
            newestFrameMillis.merge(frame.cameraId(), frame.timestampMillis(), Math::max);
        }
        return track(assembler.add(frames));
    }

    /** The timestamp of the newest frame each camera has sent (camera clock, epoch ms); cameras not heard from are absent. */
    public Map<String, Long> newestFrameMillisByCamera() {
        return Map.copyOf(newestFrameMillis);
    }

    /** Tracks every tick still waiting for a camera: the stream has ended. */
    public TrackerTick flush() {
        return track(assembler.flush());
    }

    /**
     * The assembler's pending frames and the tracker's tracks as {@code camera-ingest} snapshot
     * bytes: a section {@code assembler} holding the tick-assembler snapshot and a section
     * {@code tracker} holding the camera-tracker snapshot, each with its own kind and version.
     */
    public byte[] snapshot() {
        return SnapshotEnvelope.write(KIND, VERSION, new State(assembler.snapshot(), tracker.snapshot()), CODEC);
    }

    /**
     * Replaces this ingest's state with a {@link #snapshot()} of an ingest of the same cameras and
     * settings, or with a Java-serialized one of an earlier release ({@code aisle-camera-ingest-v1}).
     *
     * @throws IllegalArgumentException when the bytes are not such a snapshot; the state is then unchanged
     */
    public void restore(byte[] snapshot) {
        State state = SnapshotEnvelope.isJavaSerialized(snapshot) ? LegacyCameraSnapshots.ingestParts(snapshot)
                : SnapshotEnvelope.read(snapshot, KIND, VERSION, CODEC);
        byte[] assemblerBefore = assembler.snapshot();
        assembler.restore(state.assembler());
        try {
            tracker.restore(state.tracker());
        } catch (IllegalArgumentException e) {
            assembler.restore(assemblerBefore);
            throw e;
        }
    }

    /** Frames dropped for arriving after their tick was tracked. */
    public long lateFrames() {
        return assembler.lateFrames();
    }

    private TrackerTick track(List<TickAssembler.Tick> ticks) {
        List<ShopperObservation> observations = new ArrayList<>();
        List<TrackedHandCrop> crops = new ArrayList<>();
        for (TickAssembler.Tick tick : ticks) {
            TrackerTick result = tracker.track(tick.timestampMillis(), tick.frames());
            observations.addAll(result.observations());
            crops.addAll(result.handCrops());
        }
        return new TrackerTick(observations, crops);
    }
}
