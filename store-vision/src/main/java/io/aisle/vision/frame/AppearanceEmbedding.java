package io.aisle.vision.frame;

import io.aisle.vision.snapshot.SnapshotCodec;
import java.util.Arrays;

/**
 * A person re-identification vector the edge device computed from the person's box (what the
 * clothes look like), or {@link #NONE} when the device sent none. Vectors from one device model
 * have one length; two are compared by {@link #cosineDistance}, which ignores their scale.
 * Immutable.
 */
public final class AppearanceEmbedding {

    /** Longest vector accepted: re-identification heads for edge devices send 8 to 64 numbers. */
    public static final int MAX_DIMENSIONS = 64;

    /** No embedding: the device sent none for this person. */
    public static final AppearanceEmbedding NONE = new AppearanceEmbedding(new float[0]);

    private final float[] values;

    /** The values (floats; none for {@link #NONE}). */
    public static final SnapshotCodec<AppearanceEmbedding> CODEC = SnapshotCodec.of(
            (e, out) -> out.writeFloats(e.values), in -> {
                float[] values = in.readFloats();
                return values.length == 0 ? NONE : of(values);
            });

    private AppearanceEmbedding(float[] values) {
        this.values = values;
    }

    /**
     * @param values 1 to {@link #MAX_DIMENSIONS} finite numbers, not all zero (copied)
     * @throws IllegalArgumentException naming the bad value's index otherwise
     */
    public static AppearanceEmbedding of(float... values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("appearance[" + i + "] must be finite but was " + values[i]);
            }
        }
        String problem = shapeProblem(values);
        if (problem != null) {
            throw new IllegalArgumentException("appearance " + problem);
        }
        return new AppearanceEmbedding(values.clone());
    }

    /**
     * What keeps finite {@code values} from being an embedding ("must ..."), or null: the frame
     * reader reports it under the field's path.
     */
    static String shapeProblem(float[] values) {
        if (values.length == 0 || values.length > MAX_DIMENSIONS) {
            return "must hold 1 to " + MAX_DIMENSIONS + " numbers but held " + values.length;
        }
        for (float value : values) {
            if (value != 0) {
                return null;
            }
        }
        return "must not be all zeros (it has no direction)";
    }

    /**
     * The embedding of unit length in the direction of {@code values}, as re-identification heads
     * send them.
     *
     * @throws IllegalArgumentException as {@link #of}, and for a vector too long to scale
     */
    public static AppearanceEmbedding ofDirection(double... values) {
        double squares = 0;
        for (double v : values) {
            squares += v * v;
        }
        double norm = Math.sqrt(squares);
        float[] unit = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            unit[i] = (float) (norm > 0 && Double.isFinite(norm) ? values[i] / norm : values[i]);
        }
        return of(unit);
    }

    public boolean isPresent() {
        return values.length > 0;
    }

    /** How many numbers; 0 for {@link #NONE}. */
    public int dimensions() {
        return values.length;
    }

    public float value(int index) {
        return values[index];
    }

    public float[] values() {
        return values.clone();
    }

    /**
     * 1 minus the cosine of the angle between the two vectors: 0 for the same direction, 1 for
     * orthogonal, 2 for opposite.
     *
     * @throws IllegalArgumentException when either is {@link #NONE} or their lengths differ
     */
    public double cosineDistance(AppearanceEmbedding other) {
        if (!isPresent() || values.length != other.values.length) {
            throw new IllegalArgumentException("cannot compare appearances of " + values.length + " and "
                    + other.values.length + " numbers");
        }
        double dot = 0;
        double a = 0;
        double b = 0;
        for (int i = 0; i < values.length; i++) {
            dot += (double) values[i] * other.values[i];
            a += (double) values[i] * values[i];
            b += (double) other.values[i] * other.values[i];
        }
        return 1 - dot / Math.sqrt(a * b);
    }

    /** Whether {@link #cosineDistance} can compare the two: both present, of one length. */
    public boolean isComparableTo(AppearanceEmbedding other) {
        return isPresent() && values.length == other.values.length;
    }

    private Object readResolve() {
        return values.length == 0 ? NONE : this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AppearanceEmbedding other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return isPresent() ? "AppearanceEmbedding" + Arrays.toString(values) : "AppearanceEmbedding.NONE";
    }
}
