package io.aisle.vision.ingest;

import io.aisle.vision.frame.AppearanceEmbedding;
import io.aisle.vision.frame.BodyPart;
import io.aisle.vision.frame.CameraFrame;
import io.aisle.vision.frame.Hand;
import io.aisle.vision.frame.HandCrop;
import io.aisle.vision.frame.Keypoint;
import io.aisle.vision.frame.PersonDetection;
import io.aisle.vision.frame.PixelBox;
import io.aisle.vision.frame.PixelPoint;
import io.aisle.vision.snapshot.JavaSerializedStream;
import io.aisle.vision.snapshot.JavaSerializedStream.BlockData;
import io.aisle.vision.snapshot.JavaSerializedStream.JavaObject;
import io.aisle.vision.snapshot.SnapshotEnvelope;
import io.aisle.vision.snapshot.SnapshotFormatException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the Java-serialized camera ingest and tick assembler snapshots of earlier releases
 * ({@code aisle-camera-ingest-v1}, {@code aisle-tick-assembler-v1}). No class of the stream is loaded.
 */
final class LegacyCameraSnapshots {

    private LegacyCameraSnapshots() {
    }

    /** The two parts of an ingest snapshot; each is still in its former form, which its own restore reads. */
    static StoreCameraIngest.State ingestParts(byte[] javaSerialized) {
        JavaObject state = stateAfter(javaSerialized, "aisle-camera-ingest-v1");
        try {
            return new StoreCameraIngest.State((byte[]) state.field("assembler"), (byte[]) state.field("tracker"));
        } catch (ClassCastException e) {
            throw new SnapshotFormatException("Java-serialized camera ingest snapshot does not hold its two parts", e);
        }
    }

    /** A tick assembler snapshot rewritten in the current {@code tick-assembler} format. */
    static byte[] convertAssembler(byte[] javaSerialized) {
        JavaObject state = stateAfter(javaSerialized, "aisle-tick-assembler-v1");
        try {
            Map<Long, Map<String, CameraFrame>> pending = new TreeMap<>();
            state.mapField("pending").forEach((tick, frames) -> {
                Map<String, CameraFrame> byCamera = new HashMap<>();
                ((Map<?, ?>) frames).forEach((camera, frame) -> byCamera.put((String) camera, frame((JavaObject) frame)));
                pending.put((Long) tick, byCamera);
            });
            return SnapshotEnvelope.write(TickAssembler.KIND, TickAssembler.VERSION, new TickAssembler.State(
                    state.longField("tickMillis"), pending, state.longField("lastReleased"),
                    state.longField("newestMillis"), state.longField("lateFrames"), state.longField("duplicateFrames")),
                    TickAssembler.CODEC);
        } catch (SnapshotFormatException e) {
            throw e;
        } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw new SnapshotFormatException("Java-serialized tick assembler snapshot does not hold the state of "
                    + "aisle-tick-assembler-v1: " + e.getMessage(), e);
        }
    }

    private static JavaObject stateAfter(byte[] javaSerialized, String header) {
        List<Object> contents = JavaSerializedStream.read(javaSerialized);
        if (contents.size() != 2 || !(contents.get(0) instanceof BlockData block) || !header.equals(block.utf())
                || !(contents.get(1) instanceof JavaObject state)) {
            throw new SnapshotFormatException("Java-serialized bytes are not a " + header + " snapshot");
        }
        return state;
    }

    private static CameraFrame frame(JavaObject f) {
        List<PersonDetection> persons = new ArrayList<>();
        for (Object person : f.listField("persons")) {
            persons.add(person((JavaObject) person));
        }
        return new CameraFrame(f.stringField("cameraId"), f.longField("timestampMillis"), persons);
    }

    private static PersonDetection person(JavaObject p) {
        JavaObject box = p.objectField("box");
        Map<BodyPart, Keypoint> keypoints = new EnumMap<>(BodyPart.class);
        p.mapField("keypoints").forEach((part, keypoint) -> {
            JavaObject k = (JavaObject) keypoint;
            JavaObject point = k.objectField("point");
            keypoints.put(BodyPart.valueOf(JavaSerializedStream.enumConstant(part)),
                    new Keypoint(new PixelPoint(point.doubleField("u"), point.doubleField("v")), k.doubleField("confidence")));
        });
        List<HandCrop> crops = new ArrayList<>();
        for (Object crop : p.listField("handCrops")) {
            JavaObject c = (JavaObject) crop;
            crops.add(new HandCrop(Hand.valueOf(JavaSerializedStream.enumConstant(c.field("hand"))),
                    (byte[]) c.field("imageBytes")));
        }
        Object appearance = p.fieldOr("appearance", null);
        float[] values = appearance == null ? new float[0] : (float[]) ((JavaObject) appearance).field("values");
        return new PersonDetection(new PixelBox(box.doubleField("left"), box.doubleField("top"), box.doubleField("right"),
                box.doubleField("bottom")), p.doubleField("confidence"), keypoints, crops,
                values.length == 0 ? AppearanceEmbedding.NONE : AppearanceEmbedding.of(values));
    }
}
