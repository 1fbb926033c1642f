package io.aisle.vision.frame;

import io.aisle.vision.snapshot.SnapshotCodec;
import java.util.Arrays;
import java.util.Objects;

/**
 * A small image of one hand at the shelf, PNG or JPEG bytes as the camera encoded them; input to
 * product recognition.
 */
public record HandCrop(Hand hand, byte[] imageBytes) {

    /** hand (its name, LEFT or RIGHT), imageBytes. */
    public static final SnapshotCodec<HandCrop> CODEC = SnapshotCodec.of(
            (c, out) -> out.writeString(c.hand.name()).writeBytes(c.imageBytes),
            in -> new HandCrop(Hand.valueOf(in.readString()), in.readBytes()));

    public HandCrop {
        Objects.requireNonNull(hand, "hand");
        Objects.requireNonNull(imageBytes, "imageBytes");
        if (!isPng(imageBytes) && !isJpeg(imageBytes)) {
            throw new IllegalArgumentException("imageBytes must be a PNG or JPEG image");
        }
        imageBytes = imageBytes.clone();
    }

    @Override
    public byte[] imageBytes() {
        return imageBytes.clone();
    }

    static boolean isPng(byte[] b) {
        return b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
    }

    static boolean isJpeg(byte[] b) {
        return b.length > 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HandCrop other && hand == other.hand && Arrays.equals(imageBytes, other.imageBytes);
    }

    @Override
    public int hashCode() {
        return 31 * hand.hashCode() + Arrays.hashCode(imageBytes);
    }

    @Override
    public String toString() {
        return "HandCrop[hand=" + hand + ", " + imageBytes.length + " bytes]";
    }
}
