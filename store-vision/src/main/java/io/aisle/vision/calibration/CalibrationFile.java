package io.aisle.vision.calibration;

import static io.aisle.vision.json.JsonFields.arrayField;
import static io.aisle.vision.json.JsonFields.index;
import static io.aisle.vision.json.JsonFields.integer;
import static io.aisle.vision.json.JsonFields.join;
import static io.aisle.vision.json.JsonFields.numbers;
import static io.aisle.vision.json.JsonFields.object;
import static io.aisle.vision.json.JsonFields.objectField;
import static io.aisle.vision.json.JsonFields.positiveNumber;
import static io.aisle.vision.json.JsonFields.number;
import static io.aisle.vision.json.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisle.vision.json.InvalidFieldException;
import io.aisle.vision.json.JsonFields;
import io.aisle.vision.observation.StorePoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The calibration file of a store's cameras, JSON:
 *
 * <pre>{@code
 * {"cameras": [{
 *   "cameraId": "aisle-3-north",
 *   "intrinsics": {"fx": 800, "fy": 800, "cx": 640, "cy": 360, "widthPixels": 1280, "heightPixels": 720},
 *   "extrinsics": {"rotationRowMajor": [9 numbers, world to camera], "positionMeters": [x, y, z]}
 * }]}
 * }</pre>
 *
 * A camera known only by its floor homography has, instead of intrinsics and extrinsics,
 * {@code "floorHomography": {"pixelToFloorRowMajor": [9 numbers], "widthPixels": 1280, "heightPixels": 720}}.
 *
 * <p>A refused file raises {@link InvalidFieldException} naming the field, e.g.
 * {@code cameras[0].extrinsics.rotationRowMajor}.
 */
public final class CalibrationFile {

    private CalibrationFile() {
    }

    public static List<CameraModel> read(Path file) {
        try {
            return parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read calibration file " + file, e);
        }
    }

    public static List<CameraModel> parse(byte[] json) {
        JsonNode root = object(JsonFields.parse(json), "$");
        JsonNode cameras = arrayField(root, "cameras", "");
        if (cameras.isEmpty()) {
            throw new InvalidFieldException("cameras", "must list at least one camera");
        }
        List<CameraModel> result = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < cameras.size(); i++) {
            String path = index("cameras", i);
            JsonNode node = object(cameras.get(i), path);
            boolean homography = node.has("floorHomography");
            if (homography && (node.has("intrinsics") || node.has("extrinsics"))) {
                throw new InvalidFieldException(join(path, "floorHomography"),
                        "must not be given with intrinsics and extrinsics: a camera is described one way");
            }
            CameraModel camera = homography ? homographyCamera(node, path) : camera(node, path);
            if (!ids.add(camera.cameraId())) {
                throw new InvalidFieldException(join(path, "cameraId"), "repeats camera '" + camera.cameraId() + "'");
            }
            result.add(camera);
        }
        return List.copyOf(result);
    }

    private static CameraCalibration camera(JsonNode node, String path) {
        String cameraId = text(node, "cameraId", path);
        String intrinsicsPath = join(path, "intrinsics");
        JsonNode in = objectField(node, "intrinsics", path);
        Intrinsics intrinsics = new Intrinsics(
                positiveNumber(in, "fx", intrinsicsPath),
                positiveNumber(in, "fy", intrinsicsPath),
                number(in, "cx", intrinsicsPath),
                number(in, "cy", intrinsicsPath),
                imageSide(in, "widthPixels", intrinsicsPath),
                imageSide(in, "heightPixels", intrinsicsPath));
        String extrinsicsPath = join(path, "extrinsics");
        JsonNode ex = objectField(node, "extrinsics", path);
        double[] rotation = matrix(ex, "rotationRowMajor", extrinsicsPath, CameraPose::rotationProblem);
        double[] position = numbers(ex, "positionMeters", extrinsicsPath, 3);
        return new CameraCalibration(cameraId, intrinsics,
                new CameraPose(rotation, new StorePoint(position[0], position[1], position[2])));
    }

    private static FloorHomographyCamera homographyCamera(JsonNode node, String path) {
        String cameraId = text(node, "cameraId", path);
        String homographyPath = join(path, "floorHomography");
        JsonNode h = objectField(node, "floorHomography", path);
        double[] pixelToFloor = matrix(h, "pixelToFloorRowMajor", homographyPath, FloorHomographyCamera::homographyProblem);
        return new FloorHomographyCamera(cameraId, pixelToFloor, imageSide(h, "widthPixels", homographyPath),
                imageSide(h, "heightPixels", homographyPath));
    }

    /** A row-major 3x3 matrix, refused with the field's path when {@code problem} finds fault with it. */
    private static double[] matrix(JsonNode node, String name, String path, Function<double[], String> problem) {
        double[] values = numbers(node, name, path, 9);
        String fault = problem.apply(values);
        if (fault != null) {
            throw new InvalidFieldException(join(path, name), fault);
        }
        return values;
    }

    private static int imageSide(JsonNode node, String name, String path) {
        long value = integer(node, name, path);
        if (value <= 0 || value > 16_384) {
            throw new InvalidFieldException(join(path, name), "must be in [1, 16384] but was " + value);
        }
        return (int) value;
    }

    /** The JSON text of a calibration file holding these cameras; {@link #parse} reads it back. */
    public static byte[] write(List<? extends CameraModel> cameras) {
        ObjectNode root = JsonFields.mapper().createObjectNode();
        ArrayNode list = root.putArray("cameras");
        for (CameraModel model : cameras) {
            ObjectNode node = list.addObject();
            node.put("cameraId", model.cameraId());
            if (model instanceof FloorHomographyCamera h) {
                ObjectNode homography = node.putObject("floorHomography");
                ArrayNode values = homography.putArray("pixelToFloorRowMajor");
                for (double v : h.pixelToFloor()) {
                    values.add(v);
                }
                homography.put("widthPixels", h.widthPixels()).put("heightPixels", h.heightPixels());
            } else {
                writeCalibrated(node, (CameraCalibration) model);
            }
        }
        try {
            return JsonFields.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeCalibrated(ObjectNode node, CameraCalibration camera) {
        Intrinsics in = camera.intrinsics();
        ObjectNode intrinsics = node.putObject("intrinsics");
        intrinsics.put("fx", in.fx()).put("fy", in.fy()).put("cx", in.cx()).put("cy", in.cy())
                .put("widthPixels", in.widthPixels()).put("heightPixels", in.heightPixels());
        ObjectNode extrinsics = node.putObject("extrinsics");
        ArrayNode rotation = extrinsics.putArray("rotationRowMajor");
        for (double v : camera.pose().worldToCamera()) {
            rotation.add(v);
        }
        StorePoint p = camera.pose().position();
        extrinsics.putArray("positionMeters").add(p.xMeters()).add(p.yMeters()).add(p.zMeters());
    }
}
