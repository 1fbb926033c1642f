package io.aisle.vision.frame;

import io.aisle.vision.snapshot.SnapshotCodec;
import java.util.Objects;

/** One detected body keypoint in an image, with the detector's confidence in [0, 1]. */
public record Keypoint(PixelPoint point, double confidence) {

    /** confidence, then point (PixelPoint). */
    public static final SnapshotCodec<Keypoint> CODEC = SnapshotCodec.of(
            (k, out) -> PixelPoint.CODEC.write(k.point, out.writeDouble(k.confidence)),
            in -> {
                double confidence = in.readDouble();
                return new Keypoint(PixelPoint.CODEC.read(in), confidence);
            });

    public Keypoint {
        Objects.requireNonNull(point, "point");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1] but was " + confidence);
        }
    }
}
