package io.aisle.vision.frame;

import io.aisle.vision.snapshot.SnapshotCodec;
import java.util.List;
import java.util.Objects;

/** Everything one camera detected in one frame, stamped with the frame's capture time (epoch ms). */
public record CameraFrame(String cameraId, long timestampMillis, List<PersonDetection> persons) {

    /** cameraId, timestampMillis, persons (list of PersonDetection). */
    public static final SnapshotCodec<CameraFrame> CODEC = SnapshotCodec.of(
            (f, out) -> out.writeString(f.cameraId).writeLong(f.timestampMillis).writeList(f.persons, PersonDetection.CODEC),
            in -> new CameraFrame(in.readString(), in.readLong(), in.readList(PersonDetection.CODEC)));

    public CameraFrame {
        Objects.requireNonNull(cameraId, "cameraId");
        if (cameraId.isBlank()) {
            throw new IllegalArgumentException("cameraId must not be blank");
        }
        if (timestampMillis < 0) {
            throw new IllegalArgumentException("timestampMillis must be >= 0 but was " + timestampMillis);
        }
        persons = List.copyOf(persons);
    }
}
