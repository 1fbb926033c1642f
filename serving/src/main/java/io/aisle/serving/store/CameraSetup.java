package io.aisle.serving.store;

import io.aisle.fusion.layout.FloorZone;
import io.aisle.fusion.layout.StoreLayout;
import io.aisle.vision.calibration.CalibrationFile;
import io.aisle.vision.calibration.CameraModel;
import io.aisle.vision.calibration.ShelfFace;
import io.aisle.vision.calibration.WristLocator;
import io.aisle.vision.ingest.StoreCameraIngest;
import io.aisle.vision.json.InvalidFieldException;
import io.aisle.vision.observation.FloorPoint;
import io.aisle.vision.tracking.TrackerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A store's cameras: the calibration file of store-vision plus the shelf faces wrists are placed
 * on when only one camera sees them,
 * <pre>{@code
 * {"cameras": [ ...as in CalibrationFile... ],
 *  "shelfFaces": [{"shelfId": "G1-S1", "from": [2, 3], "to": [4, 3], "heightMeters": 1.6}],
 *  "reachMeters": 0.9}
 * }</pre>
 * {@code reachMeters} defaults to 0.9 (how far from a shopper's floor position a wrist may be).
 *
 * @param json the document as registered, kept so the registry can store it unchanged
 */
public record CameraSetup(List<CameraModel> cameras, List<ShelfFace> shelfFaces, double reachMeters, byte[] json) {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    public CameraSetup {
        cameras = List.copyOf(cameras);
        shelfFaces = List.copyOf(shelfFaces);
    }

    /**
     * @throws InvalidFieldException naming the field when the document is refused
     */
    public static CameraSetup parse(byte[] json) {
        List<CameraModel> cameras = CalibrationFile.parse(json);
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidFieldException("$", "is not valid JSON");
        }
        List<ShelfFace> faces = new ArrayList<>();
        JsonNode faceNodes = root.get("shelfFaces");
        if (faceNodes == null || !faceNodes.isArray() || faceNodes.isEmpty()) {
            throw new InvalidFieldException("shelfFaces", "must list at least one shelf face");
        }
        for (int i = 0; i < faceNodes.size(); i++) {
            String path = "shelfFaces[" + i + "]";
            JsonNode face = faceNodes.get(i);
            JsonNode id = face.get("shelfId");
            if (id == null || !id.isString() || id.asString().isBlank()) {
                throw new InvalidFieldException(path + ".shelfId", "must be a non-empty string");
            }
            try {
                faces.add(new ShelfFace(id.asString(), point(face, "from", path), point(face, "to", path),
                        number(face, "heightMeters", path)));
            } catch (IllegalArgumentException e) {
                throw e instanceof InvalidFieldException field ? field : new InvalidFieldException(path, e.getMessage());
            }
        }
        JsonNode reach = root.get("reachMeters");
        double reachMeters = 0.9;
        if (reach != null) {
            if (!reach.isNumber() || !(reach.asDouble() > 0)) {
                throw new InvalidFieldException("reachMeters", "must be a number > 0");
            }
            reachMeters = reach.asDouble();
        }
        return new CameraSetup(cameras, faces, reachMeters, json.clone());
    }

    public Set<String> cameraIds() {
        return cameras.stream().map(CameraModel::cameraId).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * A fresh camera ingest whose identities are born in the layout's entry zone and end in its exit zone. A track
     * lost anywhere else waits to be re-acquired; were the exit not known, a shopper who left through it would
     * stay lost, and the next one to enter could be taken for them.
     */
    public StoreCameraIngest newIngest(StoreLayout layout) {
        return StoreCameraIngest.withDefaults(cameras, new WristLocator(shelfFaces, reachMeters),
                TrackerConfig.defaults(zone(layout.entry())).withExitZone(zone(layout.exit())));
    }

    private static io.aisle.vision.tracking.FloorZone zone(FloorZone zone) {
        return new io.aisle.vision.tracking.FloorZone(zone.minXMeters(), zone.minYMeters(), zone.maxXMeters(),
                zone.maxYMeters());
    }

    private static FloorPoint point(JsonNode face, String field, String path) {
        JsonNode node = face.get(field);
        if (node == null || !node.isArray() || node.size() != 2 || !node.get(0).isNumber() || !node.get(1).isNumber()) {
            throw new InvalidFieldException(path + "." + field, "must be [x, y] in meters");
        }
        return new FloorPoint(node.get(0).asDouble(), node.get(1).asDouble());
    }

    private static double number(JsonNode face, String field, String path) {
        JsonNode node = face.get(field);
        if (node == null || !node.isNumber()) {
            throw new InvalidFieldException(path + "." + field, "must be a number");
        }
        return node.asDouble();
    }
}
