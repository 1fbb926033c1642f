package io.aisle.vision.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.aisle.vision.observation.FloorPoint;
import io.aisle.vision.snapshot.SnapshotCodec;
import io.aisle.vision.snapshot.SnapshotEnvelope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One round trip per codec of the camera frames a tick assembler holds. */
class FrameCodecsTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 1};

    private static <T> T roundTrip(SnapshotCodec<T> codec, T value) {
        return SnapshotEnvelope.read(SnapshotEnvelope.write("test", 1, value, codec), "test", 1, codec);
    }

    @Test
    void aFrameWithKeypointsCropsAndAnAppearanceReadsBackEqual() {
        PersonDetection person = new PersonDetection(new PixelBox(10, 20, 110, 320), 0.93,
                Map.of(BodyPart.RIGHT_WRIST, new Keypoint(new PixelPoint(90, 150), 0.8),
                        BodyPart.LEFT_ANKLE, new Keypoint(new PixelPoint(40, 310), 0.6)),
                List.of(new HandCrop(Hand.RIGHT, PNG)), AppearanceEmbedding.of(0.25f, -0.5f, 1f));
        CameraFrame frame = new CameraFrame("ceiling-1", 1_000, List.of(person,
                new PersonDetection(new PixelBox(0, 0, 5, 5), 0.2, Map.of(), List.of())));

        CameraFrame read = roundTrip(CameraFrame.CODEC, frame);

        assertEquals(frame, read);
        assertEquals(person.appearance().cosineDistance(read.persons().get(0).appearance()), 0, 1e-12);
    }

    @Test
    void noAppearanceReadsBackAsNone() {
        assertSame(AppearanceEmbedding.NONE, roundTrip(AppearanceEmbedding.CODEC, AppearanceEmbedding.NONE));
    }

    @Test
    void aFloorPointReadsBackEqual() {
        assertEquals(new FloorPoint(1.25, -3), roundTrip(FloorPoint.CODEC, new FloorPoint(1.25, -3)));
    }
}
