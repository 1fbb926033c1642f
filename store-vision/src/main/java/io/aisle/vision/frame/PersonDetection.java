package io.aisle.vision.frame;

import io.aisle.vision.snapshot.SnapshotCodec;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One person found in one camera frame: the box, the detector's confidence in [0, 1], the
 * keypoints it found (possibly none), the hand crops taken at the shelf (possibly none) and the
 * person's appearance embedding ({@link AppearanceEmbedding#NONE} when the device sent none).
 */
public record PersonDetection(PixelBox box, double confidence, Map<BodyPart, Keypoint> keypoints, List<HandCrop> handCrops,
        AppearanceEmbedding appearance) {

    /**
     * box (PixelBox), confidence, keypoints (count, then body part name and Keypoint, in body part
     * order), handCrops (list of HandCrop), appearance (AppearanceEmbedding).
     */
    public static final SnapshotCodec<PersonDetection> CODEC = SnapshotCodec.of((p, out) -> {
        PixelBox.CODEC.write(p.box, out);
        out.writeDouble(p.confidence);
        Map<String, Keypoint> keypoints = new LinkedHashMap<>();
        for (BodyPart part : BodyPart.values()) {
            p.keypoint(part).ifPresent(keypoint -> keypoints.put(part.name(), keypoint));
        }
        out.writeMap(keypoints, Keypoint.CODEC).writeList(p.handCrops, HandCrop.CODEC);
        AppearanceEmbedding.CODEC.write(p.appearance, out);
    }, in -> {
        PixelBox box = PixelBox.CODEC.read(in);
        double confidence = in.readDouble();
        Map<BodyPart, Keypoint> keypoints = new EnumMap<>(BodyPart.class);
        in.readMap(Keypoint.CODEC).forEach((part, keypoint) -> keypoints.put(BodyPart.valueOf(part), keypoint));
        return new PersonDetection(box, confidence, keypoints, in.readList(HandCrop.CODEC),
                AppearanceEmbedding.CODEC.read(in));
    });

    public PersonDetection {
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(appearance, "appearance");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1] but was " + confidence);
        }
        keypoints = keypoints.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(keypoints));
        handCrops = List.copyOf(handCrops);
    }

    /** A detection without an appearance embedding. */
    public PersonDetection(PixelBox box, double confidence, Map<BodyPart, Keypoint> keypoints, List<HandCrop> handCrops) {
        this(box, confidence, keypoints, handCrops, AppearanceEmbedding.NONE);
    }

    public PersonDetection withAppearance(AppearanceEmbedding embedding) {
        return new PersonDetection(box, confidence, keypoints, handCrops, embedding);
    }

    public Optional<Keypoint> keypoint(BodyPart part) {
        return Optional.ofNullable(keypoints.get(part));
    }

    public Optional<Keypoint> wrist(Hand hand) {
        return keypoint(hand == Hand.LEFT ? BodyPart.LEFT_WRIST : BodyPart.RIGHT_WRIST);
    }
}
