package io.aisle.vision.scene;

import io.aisle.vision.calibration.CameraCalibration;
import io.aisle.vision.calibration.CameraPose;
import io.aisle.vision.calibration.Intrinsics;
import io.aisle.vision.calibration.ShelfFace;
import io.aisle.vision.observation.FloorPoint;
import io.aisle.vision.observation.StorePoint;
import io.aisle.vision.tracking.FloorZone;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Ready-made scene layouts and random walks through them. */
public final class SceneLayouts {

    /** 1280x720 with a 94° horizontal field of view: a typical ceiling camera. */
    public static final Intrinsics CEILING_CAMERA = new Intrinsics(600, 600, 640, 360, 1280, 720);

    private static final FloorZone ENTRY = new FloorZone(0, 2, 1.5, 4);
    private static final FloorPoint GATE = new FloorPoint(0.7, 3);

    private SceneLayouts() {
    }

    /**
     * A 12 m x 8 m store with two ceiling cameras whose views overlap in the middle: "west" sees
     * the entry gate and the west half, "east" the east half, so a walk across the store is handed
     * over from one to the other. One shelf face runs along y = 6.5.
     */
    public static SceneLayout twoCameraStore() {
        return new SceneLayout(List.of(
                new CameraCalibration("west", CEILING_CAMERA, CameraPose.lookingAt(new StorePoint(3, 0, 4), new StorePoint(3, 4.5, 0))),
                new CameraCalibration("east", CEILING_CAMERA, CameraPose.lookingAt(new StorePoint(9, 8, 4), new StorePoint(9, 3.5, 0)))),
                List.of(new ShelfFace("north", new FloorPoint(1, 6.5), new FloorPoint(11, 6.5), 2.0)),
                ENTRY, GATE, new FloorZone(0.5, 2.5, 11.5, 6));
    }

    /**
     * A long store seen by {@code columns} pairs of cameras: in each 6 m wide bay one camera on the
     * south wall looks north and one on the north wall (y = 16) looks south, covering y from 2 to
     * 14. The gate is at the west end; shelf faces run along y = 3 and y = 13.
     */
    public static SceneLayout bays(int columns) {
        if (columns < 1 || columns > 32) {
            throw new IllegalArgumentException("columns must be in [1, 32] but was " + columns);
        }
        List<CameraCalibration> cameras = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            double x = 3 + 6 * c;
            cameras.add(new CameraCalibration("bay-" + c + "-south", CEILING_CAMERA,
                    CameraPose.lookingAt(new StorePoint(x, 0, 4), new StorePoint(x, 4.5, 0))));
            cameras.add(new CameraCalibration("bay-" + c + "-north", CEILING_CAMERA,
                    CameraPose.lookingAt(new StorePoint(x, 16, 4), new StorePoint(x, 11.5, 0))));
        }
        double length = 6.0 * columns;
        return new SceneLayout(cameras, List.of(
                new ShelfFace("south-wall", new FloorPoint(2, 3), new FloorPoint(length - 0.5, 3), 2.0),
                new ShelfFace("north-wall", new FloorPoint(0.5, 13), new FloorPoint(length - 0.5, 13), 2.0)),
                ENTRY, GATE, new FloorZone(0.5, 3.5, length - 1, 12.5));
    }

    /**
     * {@code count} shoppers entering at the gate one every {@code spacingMillis}, each visiting
     * {@code stops} random points of the walkable floor and leaving through the gate, at 0.8 to
     * 1.3 m/s. Seeded.
     */
    public static List<ShopperWalk> randomWalks(SceneLayout layout, int count, int stops, long startMillis,
            long spacingMillis, long seed) {
        Random random = new Random(seed);
        FloorZone floor = layout.walkable();
        List<ShopperWalk> walks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<FloorPoint> points = new ArrayList<>();
            points.add(layout.gate());
            for (int s = 0; s < stops; s++) {
                points.add(new FloorPoint(
                        floor.minXMeters() + random.nextDouble() * (floor.maxXMeters() - floor.minXMeters()),
                        floor.minYMeters() + random.nextDouble() * (floor.maxYMeters() - floor.minYMeters())));
            }
            points.add(layout.gate());
            walks.add(new ShopperWalk(String.format("shopper-%03d", i), startMillis + i * spacingMillis,
                    0.8 + 0.5 * random.nextDouble(), points));
        }
        return walks;
    }
}
