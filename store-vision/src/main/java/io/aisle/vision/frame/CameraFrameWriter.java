package io.aisle.vision.frame;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisle.vision.json.JsonFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** Writes frame batches in the format {@link CameraFrameReader} reads: what an edge device sends. */
public final class CameraFrameWriter {

    private CameraFrameWriter() {
    }

    public static byte[] write(List<CameraFrame> frames) {
        ObjectNode root = JsonFields.mapper().createObjectNode();
        ArrayNode list = root.putArray("frames");
        for (CameraFrame frame : frames) {
            ObjectNode f = list.addObject();
            f.put("cameraId", frame.cameraId()).put("timestampMillis", frame.timestampMillis());
            ArrayNode persons = f.putArray("persons");
            for (PersonDetection p : frame.persons()) {
                ObjectNode person = persons.addObject();
                person.putObject("box").put("left", p.box().left()).put("top", p.box().top())
                        .put("right", p.box().right()).put("bottom", p.box().bottom());
                person.put("confidence", p.confidence());
                if (!p.keypoints().isEmpty()) {
                    ObjectNode keypoints = person.putObject("keypoints");
                    for (BodyPart part : BodyPart.values()) {
                        Keypoint k = p.keypoints().get(part);
                        if (k != null) {
                            keypoints.putArray(part.jsonName()).add(k.point().u()).add(k.point().v()).add(k.confidence());
                        }
                    }
                }
                if (!p.handCrops().isEmpty()) {
                    ArrayNode crops = person.putArray("handCrops");
                    for (HandCrop crop : p.handCrops()) {
                        crops.addObject().put("hand", crop.hand().name().toLowerCase(Locale.ROOT))
                                .put("imageBase64", Base64.getEncoder().encodeToString(crop.imageBytes()));
                    }
                }
                if (p.appearance().isPresent()) {
                    ArrayNode appearance = person.putArray("appearance");
                    for (int i = 0; i < p.appearance().dimensions(); i++) {
                        appearance.add(p.appearance().value(i));
                    }
                }
            }
        }
        try {
            return JsonFields.mapper().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
