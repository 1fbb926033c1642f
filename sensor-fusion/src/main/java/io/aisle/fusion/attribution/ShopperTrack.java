package io.aisle.fusion.attribution;

import io.aisle.fusion.layout.PlateBox;
import io.aisle.vision.snapshot.SnapshotCodec;
import io.aisle.vision.snapshot.SnapshotReader;
import io.aisle.vision.snapshot.SnapshotWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * One shopper as tracked from entry to exit: the track ids that belong to them and a ring of
 * their most recent sightings (primitive arrays: this is on the hot path).
 *
 * <p>Not thread-safe: owned by the fusion engine.
 */
public final class ShopperTrack {

    /**
     * shopperId, enteredThroughEntry, trackIds (list of strings), exitMillis, then the ring of recent
     * sightings oldest first: a count, and per sighting its time, floor x, y and six wrist
     * coordinates. Read back, the ring starts at slot 0; every query walks it from the newest
     * sighting, so where it starts does not change any answer.
     */
    static final SnapshotCodec<ShopperTrack> CODEC = SnapshotCodec.of(ShopperTrack::write, ShopperTrack::read);
    private static final int HISTORY = 256;

    private final String shopperId;
    private final boolean enteredThroughEntry;
    private final List<String> trackIds = new ArrayList<>();
    private final long[] times = new long[HISTORY];
    private final double[] floor = new double[HISTORY * 2];
    private final double[] wrists = new double[HISTORY * 6];
    private int count;
    private int next;
    private long exitMillis = Long.MIN_VALUE;

    ShopperTrack(String shopperId, boolean enteredThroughEntry) {
        this.shopperId = shopperId;
        this.enteredThroughEntry = enteredThroughEntry;
        trackIds.add(shopperId);
    }

    private void write(SnapshotWriter out) {
        out.writeString(shopperId).writeBoolean(enteredThroughEntry).writeList(trackIds, SnapshotCodec.STRING)
                .writeLong(exitMillis);
        writeRing(times, floor, wrists, count, next, out);
    }

    /**
     * The ring part of {@link #CODEC}: a count, then the {@code count} sightings before slot
     * {@code next}, oldest first. Public for the reader of earlier releases' snapshots, which held
     * the ring's arrays as they were.
     */
    public static void writeRing(long[] times, double[] floor, double[] wrists, int count, int next, SnapshotWriter out) {
        int history = times.length;
        out.writeInt(count);
        for (int k = count; k > 0; k--) {
            int i = (next - k + history) % history;
            out.writeLong(times[i]).writeDouble(floor[i * 2]).writeDouble(floor[i * 2 + 1]);
            for (int w = 0; w < 6; w++) {
                out.writeDouble(wrists[i * 6 + w]);
            }
        }
    }

    private static ShopperTrack read(SnapshotReader in) {
        ShopperTrack track = new ShopperTrack(in.readString(), in.readBoolean());
        track.trackIds.clear();
        track.trackIds.addAll(in.readList(SnapshotCodec.STRING));
        if (track.trackIds.isEmpty()) {
            throw in.corrupt("shopper " + track.shopperId + " has no track id");
        }
        track.exitMillis = in.readLong();
        int count = in.readInt();
        if (count < 0 || count > HISTORY) {
            throw in.corrupt("shopper " + track.shopperId + " has " + count + " sightings, more than the " + HISTORY + " kept");
        }
        for (int i = 0; i < count; i++) {
            track.times[i] = in.readLong();
            track.floor[i * 2] = in.readDouble();
            track.floor[i * 2 + 1] = in.readDouble();
            for (int w = 0; w < 6; w++) {
                track.wrists[i * 6 + w] = in.readDouble();
            }
        }
        track.count = count;
        track.next = count % HISTORY;
        return track;
    }

    public String shopperId() {
        return shopperId;
    }

    /** False when the shopper first appeared away from the entry (an identity switch that could not be linked). */
    public boolean enteredThroughEntry() {
        return enteredThroughEntry;
    }

    public List<String> trackIds() {
        return List.copyOf(trackIds);
    }

    void addTrackId(String trackId) {
        trackIds.add(trackId);
    }

    void removeTrackId(String trackId) {
        trackIds.remove(trackId);
    }

    /** The track id this shopper was most recently linked to. */
    public String latestTrackId() {
        return trackIds.get(trackIds.size() - 1);
    }

    void record(Sighting s) {
        times[next] = s.timestampMillis();
        floor[next * 2] = s.xMeters();
        floor[next * 2 + 1] = s.yMeters();
        int w = next * 6;
        wrists[w] = s.leftX();
        wrists[w + 1] = s.leftY();
        wrists[w + 2] = s.leftZ();
        wrists[w + 3] = s.rightX();
        wrists[w + 4] = s.rightY();
        wrists[w + 5] = s.rightZ();
        next = (next + 1) % HISTORY;
        count = Math.min(count + 1, HISTORY);
    }

    public long lastSeenMillis() {
        return count == 0 ? Long.MIN_VALUE : times[(next - 1 + HISTORY) % HISTORY];
    }

    public double lastX() {
        return floor[((next - 1 + HISTORY) % HISTORY) * 2];
    }

    public double lastY() {
        return floor[((next - 1 + HISTORY) % HISTORY) * 2 + 1];
    }

    public boolean hasExited() {
        return exitMillis != Long.MIN_VALUE;
    }

    /** Event time of the first sighting inside the exit zone; only when {@link #hasExited()}. */
    public long exitMillis() {
        return exitMillis;
    }

    void markExit(long timestampMillis) {
        if (exitMillis == Long.MIN_VALUE) {
            exitMillis = timestampMillis;
        }
    }

    /**
     * How strongly this shopper's hands point at a box during [fromMillis, toMillis]. Each sighting
     * scores a Gaussian in the wrist-to-box distance (scale {@code distanceScaleMeters}) times a
     * Gaussian in its time outside the window (scale {@code timeScaleMillis}); sightings up to
     * {@code 2 * timeScaleMillis} outside the window count. The result is the mean of the three best
     * scores, so a hand that dwelt in the plate outweighs one that brushed past it once.
     *
     * @return a value in [0, 1]; 0 when the shopper was not seen then
     */
    public double reachLikelihood(PlateBox box, long fromMillis, long toMillis, double distanceScaleMeters,
                                  double timeScaleMillis) {
        double first = 0;
        double second = 0;
        double third = 0;
        long lo = fromMillis - (long) (2 * timeScaleMillis);
        long hi = toMillis + (long) (2 * timeScaleMillis);
        for (int k = 0; k < count; k++) {
            int i = (next - 1 - k + 2 * HISTORY) % HISTORY;
            long t = times[i];
            if (t < lo) {
                break;
            }
            if (t > hi) {
                continue;
            }
            double dt = t < fromMillis ? fromMillis - t : (t > toMillis ? t - toMillis : 0);
            double timeTerm = dt / timeScaleMillis;
            double d = Math.min(wristDistance(box, i * 6), wristDistance(box, i * 6 + 3)) / distanceScaleMeters;
            double score = Math.exp(-0.5 * (d * d + timeTerm * timeTerm));
            if (score > first) {
                third = second;
                second = first;
                first = score;
            } else if (score > second) {
                third = second;
                second = score;
            } else if (score > third) {
                third = score;
            }
        }
        return (first + second + third) / 3;
    }

    /**
     * How clearly this shopper's hands are out of a box during [fromMillis, toMillis]: the hand that
     * took or put an item withdraws right after, while a hand that is still working in the plate
     * is not done yet. Computed as {@code 1 - exp(-d^2 / 2 s^2)} for the closest wrist distance d
     * over sightings in the window (s = {@code distanceScaleMeters}), at least {@code floor}; 0.5
     * when the shopper was not seen then.
     */
    public double withdrawalLikelihood(PlateBox box, long fromMillis, long toMillis, double distanceScaleMeters,
                                       double floor) {
        double closest = closestWristMeters(box, fromMillis, toMillis);
        if (closest == Double.POSITIVE_INFINITY) {
            return 0.5;
        }
        double d = closest / distanceScaleMeters;
        return Math.max(floor, 1 - Math.exp(-0.5 * d * d));
    }

    /** Smallest wrist-to-box distance in meters over sightings in [fromMillis, toMillis]; infinity when none. */
    public double closestWristMeters(PlateBox box, long fromMillis, long toMillis) {
        double best = Double.POSITIVE_INFINITY;
        for (int k = 0; k < count; k++) {
            int i = (next - 1 - k + 2 * HISTORY) % HISTORY;
            long t = times[i];
            if (t < fromMillis) {
                break;
            }
            if (t <= toMillis) {
                best = Math.min(best, Math.min(wristDistance(box, i * 6), wristDistance(box, i * 6 + 3)));
            }
        }
        return best;
    }

    /**
     * Event time at which this shopper's hand was deepest in the box within the window: the mean
     * time of the sightings whose wrist distance is within 2 cm of the smallest; MIN_VALUE when none.
     */
    public long closestApproachMillis(PlateBox box, long fromMillis, long toMillis) {
        double best = closestWristMeters(box, fromMillis, toMillis);
        if (best == Double.POSITIVE_INFINITY) {
            return Long.MIN_VALUE;
        }
        long sum = 0;
        int n = 0;
        for (int k = 0; k < count; k++) {
            int i = (next - 1 - k + 2 * HISTORY) % HISTORY;
            long t = times[i];
            if (t < fromMillis) {
                break;
            }
            if (t <= toMillis && Math.min(wristDistance(box, i * 6), wristDistance(box, i * 6 + 3)) <= best + 0.02) {
                sum += t - fromMillis;
                n++;
            }
        }
        return fromMillis + sum / n;
    }

    private double wristDistance(PlateBox box, int offset) {
        double x = wrists[offset];
        if (Double.isNaN(x)) {
            return Double.POSITIVE_INFINITY;
        }
        return box.distanceTo(x, wrists[offset + 1], wrists[offset + 2]);
    }
}
