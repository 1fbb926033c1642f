package io.aisle.vision.scene;

import io.aisle.vision.calibration.CameraCalibration;
import io.aisle.vision.calibration.ShelfFace;
import io.aisle.vision.calibration.WristLocator;
import io.aisle.vision.observation.FloorPoint;
import io.aisle.vision.tracking.FloorZone;
import java.util.List;
import java.util.Objects;

/**
 * The fixed part of a scene: cameras, shelf faces, the entry zone with its gate (where walks start
 * and end) and the walkable floor, which is also where false detections appear.
 */
public record SceneLayout(List<CameraCalibration> cameras, List<ShelfFace> shelves, FloorZone entryZone,
        FloorPoint gate, FloorZone walkable) {

    public SceneLayout {
        cameras = List.copyOf(cameras);
        shelves = List.copyOf(shelves);
        Objects.requireNonNull(entryZone, "entryZone");
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(walkable, "walkable");
        if (!entryZone.contains(gate)) {
            throw new IllegalArgumentException("gate " + gate + " must lie in the entry zone " + entryZone);
        }
    }

    /** Wrists located on this layout's shelf faces when within 1.2 m of the shopper. */
    public WristLocator wristLocator() {
        return new WristLocator(shelves, 1.2);
    }
}
