package io.aisle.simulations.vision;

import io.aisle.fusion.layout.PlateBox;
import io.aisle.fusion.layout.StoreLayout;
import io.aisle.simulations.store.StoreLayoutGenerator;
import io.aisle.vision.calibration.CameraCalibration;
import io.aisle.vision.calibration.CameraPose;
import io.aisle.vision.calibration.ShelfFace;
import io.aisle.vision.calibration.WristLocator;
import io.aisle.vision.observation.FloorPoint;
import io.aisle.vision.observation.StorePoint;
import io.aisle.vision.scene.SceneLayouts;
import io.aisle.vision.tracking.FloorZone;
import java.util.ArrayList;
import java.util.List;

/**
 * The cameras of a simulated store and what the tracker needs to know about the store: ceiling
 * cameras 7 m up looking almost straight down, in two columns and as many rows as it takes to see
 * a standing shopper's head and feet everywhere on the floor; one shelf face per gondola (its aisle
 * side) for wrists seen by one camera; the store's entry and exit zones, where the tracker gives
 * identities and ends them.
 *
 * @param gondolas the solid blocks shelves occupy, which hide the floor behind them from a camera
 */
public record StoreCameraRig(List<CameraCalibration> cameras, List<ShelfFace> shelfFaces, FloorZone entryZone,
        FloorZone exitZone, List<PlateBox> gondolas) {

    /** Camera height; with the ceiling intrinsics a standing shopper is fully seen within ~3 m of the nadir. */
    public static final double CAMERA_HEIGHT_METERS = 7.0;
    /** Rows are this far apart, so neighbouring views overlap by about a metre at head height. */
    private static final double ROW_SPACING_METERS = 5.0;
    /** How far from a shopper's floor position a wrist seen by one camera may be put on a shelf face. */
    public static final double WRIST_REACH_METERS = 1.2;

    public StoreCameraRig {
        cameras = List.copyOf(cameras);
        shelfFaces = List.copyOf(shelfFaces);
        gondolas = List.copyOf(gondolas);
    }

    /** The rig for a generated store layout (gondolas along x, aisles on their +y side). */
    public static StoreCameraRig forLayout(StoreLayout layout) {
        int rows = Math.max(1, (int) Math.ceil(layout.floorDepthMeters() / ROW_SPACING_METERS));
        double rowStep = layout.floorDepthMeters() / rows;
        List<CameraCalibration> cameras = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            double y = rowStep * (r + 0.5);
            for (int c = 0; c < 2; c++) {
                double x = layout.floorWidthMeters() * (c == 0 ? 0.3 : 0.7);
                // A small tilt: looking exactly down leaves the image's "up" undefined.
                cameras.add(new CameraCalibration("cam-" + r + "-" + c, SceneLayouts.CEILING_CAMERA,
                        CameraPose.lookingAt(new StorePoint(x, y - 0.3, CAMERA_HEIGHT_METERS), new StorePoint(x, y + 0.3, 0))));
            }
        }
        List<ShelfFace> faces = new ArrayList<>();
        List<PlateBox> gondolas = new ArrayList<>();
        StoreLayoutGenerator.gondolaBlocks(layout).forEach((id, g) -> {
            faces.add(new ShelfFace(id, new FloorPoint(g.min().xMeters(), g.max().yMeters()),
                    new FloorPoint(g.max().xMeters(), g.max().yMeters()), g.max().zMeters()));
            gondolas.add(g);
        });
        return new StoreCameraRig(cameras, faces, zone(layout.entry()), zone(layout.exit()), gondolas);
    }

    private static FloorZone zone(io.aisle.fusion.layout.FloorZone zone) {
        return new FloorZone(zone.minXMeters(), zone.minYMeters(), zone.maxXMeters(), zone.maxYMeters());
    }

    /** The tracker tuning for this store: born at the entry, ended at the exit. */
    public io.aisle.vision.tracking.TrackerConfig trackerConfig() {
        return io.aisle.vision.tracking.TrackerConfig.defaults(entryZone).withExitZone(exitZone);
    }

    /** Wrists seen by one camera are put on the nearest shelf face within reach. */
    public WristLocator wristLocator() {
        return new WristLocator(shelfFaces, WRIST_REACH_METERS);
    }
}
