package io.aisle.vision.calibration;

import io.aisle.vision.frame.PixelPoint;
import io.aisle.vision.observation.FloorPoint;
import java.util.Optional;

/**
 * What tracking needs of a camera: its image size, where a pixel on the floor lies, and, when the
 * camera is fully calibrated, the ray through a pixel (for wrists in 3D). Implementations are
 * immutable and thread-safe.
 */
public sealed interface CameraModel permits CameraCalibration, FloorHomographyCamera {

    String cameraId();

    int widthPixels();

    int heightPixels();

    /** Where a pixel showing a point of the floor lies; empty when it cannot be on the floor. */
    Optional<FloorPoint> floorPoint(PixelPoint pixel);

    /** The ray through a pixel in the store frame; empty for a camera known only by its floor homography. */
    Optional<Ray> findRay(PixelPoint pixel);
}
