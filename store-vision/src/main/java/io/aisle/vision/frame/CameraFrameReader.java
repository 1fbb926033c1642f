package io.aisle.vision.frame;

import static io.aisle.vision.json.JsonFields.arrayField;
import static io.aisle.vision.json.JsonFields.index;
import static io.aisle.vision.json.JsonFields.integer;
import static io.aisle.vision.json.JsonFields.join;
import static io.aisle.vision.json.JsonFields.number;
import static io.aisle.vision.json.JsonFields.numberInRange;
import static io.aisle.vision.json.JsonFields.numbers;
import static io.aisle.vision.json.JsonFields.object;
import static io.aisle.vision.json.JsonFields.objectField;
import static io.aisle.vision.json.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.aisle.vision.json.InvalidFieldException;
import io.aisle.vision.json.JsonFields;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a batch of camera frames from JSON, within {@link FrameLimits}:
 *
 * <pre>{@code
 * {"frames": [{
 *   "cameraId": "aisle-3-north", "timestampMillis": 1767225600000,
 *   "persons": [{
 *     "box": {"left": 410, "top": 80, "right": 520, "bottom": 400},
 *     "confidence": 0.92,
 *     "keypoints": {"left_wrist": [430.5, 250.0, 0.88], "right_wrist": [505.0, 246.0, 0.91]},
 *     "handCrops": [{"hand": "right", "imageBase64": "iVBORw0KGgo..."}],
 *     "appearance": [0.12, -0.40, 0.88, 0.05, 0.31, -0.22, 0.17, 0.09]
 *   }]
 * }]}
 * }</pre>
 *
 * Keypoints are {@code [u, v, confidence]} under COCO names ({@link BodyPart}). {@code appearance}
 * is the person's re-identification embedding ({@link AppearanceEmbedding}): 1 to
 * {@value AppearanceEmbedding#MAX_DIMENSIONS} finite numbers in float range, not all zero, of one
 * length throughout the batch. {@code keypoints}, {@code handCrops} and {@code appearance} may be
 * left out. A malformed batch raises {@link InvalidFieldException}
 * (HTTP 400), an oversized one {@link FrameTooLargeException} (HTTP 413); both name the field, and
 * nothing of a refused batch is returned. Immutable and thread-safe.
 */
public final class CameraFrameReader {

    private final FrameLimits limits;

    public CameraFrameReader(FrameLimits limits) {
        this.limits = limits;
    }

    public FrameLimits limits() {
        return limits;
    }

    public List<CameraFrame> read(byte[] body) {
        if (body.length > limits.maxBatchBytes()) {
            throw new FrameTooLargeException("$", "is " + body.length + " bytes, over the limit of "
                    + limits.maxBatchBytes());
        }
        JsonNode root = object(JsonFields.parse(body), "$");
        JsonNode frames = arrayField(root, "frames", "");
        if (frames.size() > limits.maxFrames()) {
            throw new FrameTooLargeException("frames", "holds " + frames.size() + " frames, over the limit of "
                    + limits.maxFrames());
        }
        List<CameraFrame> result = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            String path = index("frames", i);
            result.add(frame(object(frames.get(i), path), path));
        }
        requireOneAppearanceLength(result);
        return List.copyOf(result);
    }

    private CameraFrame frame(JsonNode node, String path) {
        String cameraId = text(node, "cameraId", path);
        long timestamp = integer(node, "timestampMillis", path);
        if (timestamp < 0) {
            throw new InvalidFieldException(join(path, "timestampMillis"), "must be >= 0 but was " + timestamp);
        }
        JsonNode persons = arrayField(node, "persons", path);
        String personsPath = join(path, "persons");
        if (persons.size() > limits.maxPersonsPerFrame()) {
            throw new FrameTooLargeException(personsPath, "holds " + persons.size()
                    + " persons, over the limit of " + limits.maxPersonsPerFrame());
        }
        List<PersonDetection> detections = new ArrayList<>(persons.size());
        for (int i = 0; i < persons.size(); i++) {
            String personPath = index(personsPath, i);
            detections.add(person(object(persons.get(i), personPath), personPath));
        }
        return new CameraFrame(cameraId, timestamp, detections);
    }

    private PersonDetection person(JsonNode node, String path) {
        String boxPath = join(path, "box");
        JsonNode boxNode = objectField(node, "box", path);
        double left = number(boxNode, "left", boxPath);
        double top = number(boxNode, "top", boxPath);
        double right = number(boxNode, "right", boxPath);
        double bottom = number(boxNode, "bottom", boxPath);
        if (!(left < right) || !(top < bottom)) {
            throw new InvalidFieldException(boxPath, "must have left < right and top < bottom but was ["
                    + left + ", " + top + ", " + right + ", " + bottom + "]");
        }
        double confidence = numberInRange(node, "confidence", path, 0, 1);
        return new PersonDetection(new PixelBox(left, top, right, bottom), confidence, keypoints(node, path),
                handCrops(node, path), appearance(node, path));
    }

    private static AppearanceEmbedding appearance(JsonNode person, String personPath) {
        if (!person.has("appearance")) {
            return AppearanceEmbedding.NONE;
        }
        JsonNode node = arrayField(person, "appearance", personPath);
        String path = join(personPath, "appearance");
        float[] values = new float[node.size()];
        for (int i = 0; i < values.length; i++) {
            String valuePath = index(path, i);
            double value = number(node.get(i), valuePath);
            if (Math.abs(value) > Float.MAX_VALUE) {
                throw new InvalidFieldException(valuePath, "must be within float range but was " + value);
            }
            values[i] = (float) value;
        }
        String problem = AppearanceEmbedding.shapeProblem(values);
        if (problem != null) {
            throw new InvalidFieldException(path, problem);
        }
        return AppearanceEmbedding.of(values);
    }

    /** The tracker compares embeddings across cameras: a batch must not mix lengths. */
    private static void requireOneAppearanceLength(List<CameraFrame> frames) {
        String firstPath = null;
        int length = 0;
        for (int f = 0; f < frames.size(); f++) {
            List<PersonDetection> persons = frames.get(f).persons();
            for (int p = 0; p < persons.size(); p++) {
                AppearanceEmbedding appearance = persons.get(p).appearance();
                if (!appearance.isPresent()) {
                    continue;
                }
                String path = join(index(join(index("frames", f), "persons"), p), "appearance");
                if (firstPath == null) {
                    firstPath = path;
                    length = appearance.dimensions();
                } else if (appearance.dimensions() != length) {
                    throw new InvalidFieldException(path, "must hold " + length + " numbers like " + firstPath
                            + " but held " + appearance.dimensions());
                }
            }
        }
    }

    private static Map<BodyPart, Keypoint> keypoints(JsonNode person, String personPath) {
        Map<BodyPart, Keypoint> keypoints = new EnumMap<>(BodyPart.class);
        if (!person.has("keypoints")) {
            return keypoints;
        }
        String path = join(personPath, "keypoints");
        JsonNode node = objectField(person, "keypoints", personPath);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            String name = it.next().getKey();
            String keyPath = join(path, name);
            BodyPart part = BodyPart.fromJsonName(name).orElseThrow(() -> new InvalidFieldException(keyPath,
                    "is not a COCO keypoint name such as left_wrist"));
            double[] values = numbers(node, name, path, 3);
            if (values[2] < 0 || values[2] > 1) {
                throw new InvalidFieldException(keyPath + "[2]", "(confidence) must be in [0, 1] but was " + values[2]);
            }
            keypoints.put(part, new Keypoint(new PixelPoint(values[0], values[1]), values[2]));
        }
        return keypoints;
    }

    private List<HandCrop> handCrops(JsonNode person, String personPath) {
        if (!person.has("handCrops")) {
            return List.of();
        }
        JsonNode crops = arrayField(person, "handCrops", personPath);
        String path = join(personPath, "handCrops");
        if (crops.size() > 2) {
            throw new InvalidFieldException(path, "must hold at most 2 crops (one per hand) but held " + crops.size());
        }
        List<HandCrop> result = new ArrayList<>();
        for (int i = 0; i < crops.size(); i++) {
            String cropPath = index(path, i);
            JsonNode crop = object(crops.get(i), cropPath);
            String handText = text(crop, "hand", cropPath);
            Hand hand;
            try {
                hand = Hand.valueOf(handText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidFieldException(join(cropPath, "hand"), "must be \"left\" or \"right\" but was \"" + handText + "\"");
            }
            String base64 = text(crop, "imageBase64", cropPath);
            String imagePath = join(cropPath, "imageBase64");
            // Base64 is 4 characters per 3 bytes: refuse before decoding anything oversized.
            if ((long) base64.length() * 3 / 4 > limits.maxCropBytes()) {
                throw new FrameTooLargeException(imagePath, "decodes to more than the limit of "
                        + limits.maxCropBytes() + " bytes");
            }
            byte[] image;
            try {
                image = Base64.getDecoder().decode(base64);
            } catch (IllegalArgumentException e) {
                throw new InvalidFieldException(imagePath, "is not valid base64: " + e.getMessage());
            }
            if (!HandCrop.isPng(image) && !HandCrop.isJpeg(image)) {
                throw new InvalidFieldException(imagePath, "must hold a PNG or JPEG image");
            }
            result.add(new HandCrop(hand, image));
        }
        return result;
    }
}
