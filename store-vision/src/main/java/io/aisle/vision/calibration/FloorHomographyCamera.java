package io.aisle.vision.calibration;

import io.aisle.vision.frame.PixelPoint;
import io.aisle.vision.observation.FloorPoint;
import io.aisle.vision.observation.StorePoint;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A camera known only by the homography that maps its pixels to floor points (what an installer
 * gets from four or more marked floor points). It places feet on the floor but cannot put a wrist
 * in 3D; a wrist it sees counts only when a fully calibrated camera sees it too.
 *
 * @param pixelToFloor 3x3 row-major: {@code (x, y, w) = H (u, v, 1)}, floor point {@code (x/w, y/w)} in meters
 */
public record FloorHomographyCamera(String cameraId, double[] pixelToFloor, int widthPixels, int heightPixels)
        implements CameraModel {

    public FloorHomographyCamera {
        Objects.requireNonNull(cameraId, "cameraId");
        if (cameraId.isBlank()) {
            throw new IllegalArgumentException("cameraId must not be blank");
        }
        String problem = homographyProblem(pixelToFloor);
        if (problem != null) {
            throw new IllegalArgumentException("pixelToFloor " + problem);
        }
        pixelToFloor = pixelToFloor.clone();
        if (widthPixels <= 0 || heightPixels <= 0) {
            throw new IllegalArgumentException("image size must be > 0 but was " + widthPixels + "x" + heightPixels);
        }
    }

    /** The floor homography of a fully calibrated camera: the inverse of {@code K [r1 r2 -R C]}. */
    public static FloorHomographyCamera of(CameraCalibration camera) {
        Intrinsics k = camera.intrinsics();
        CameraPose pose = camera.pose();
        StorePoint c = pose.position();
        double[] floorToPixel = new double[9];
        for (int row = 0; row < 3; row++) {
            double t = -(pose.rotation(row, 0) * c.xMeters() + pose.rotation(row, 1) * c.yMeters()
                    + pose.rotation(row, 2) * c.zMeters());
            double[] camRow = {pose.rotation(row, 0), pose.rotation(row, 1), t};
            for (int col = 0; col < 3; col++) {
                floorToPixel[3 * row + col] = camRow[col];
            }
        }
        // Apply K to the rows: pixel rows are fx*r0 + cx*r2, fy*r1 + cy*r2, r2.
        double[] m = new double[9];
        for (int col = 0; col < 3; col++) {
            m[col] = k.fx() * floorToPixel[col] + k.cx() * floorToPixel[6 + col];
            m[3 + col] = k.fy() * floorToPixel[3 + col] + k.cy() * floorToPixel[6 + col];
            m[6 + col] = floorToPixel[6 + col];
        }
        return new FloorHomographyCamera(camera.cameraId(), invert(m), k.widthPixels(), k.heightPixels());
    }

    @Override
    public Optional<FloorPoint> floorPoint(PixelPoint pixel) {
        double[] h = pixelToFloor;
        double x = h[0] * pixel.u() + h[1] * pixel.v() + h[2];
        double y = h[3] * pixel.u() + h[4] * pixel.v() + h[5];
        double w = h[6] * pixel.u() + h[7] * pixel.v() + h[8];
        if (Math.abs(w) < 1e-12) {
            return Optional.empty();
        }
        return Optional.of(new FloorPoint(x / w, y / w));
    }

    @Override
    public Optional<Ray> findRay(PixelPoint pixel) {
        return Optional.empty();
    }

    @Override
    public double[] pixelToFloor() {
        return pixelToFloor.clone();
    }

    /** Null when {@code h} is a usable homography, else what is wrong with it. */
    static String homographyProblem(double[] h) {
        if (h == null || h.length != 9) {
            return "must have 9 values";
        }
        for (double v : h) {
            if (!Double.isFinite(v)) {
                return "must hold finite values";
            }
        }
        double scale = 0;
        for (double v : h) {
            scale = Math.max(scale, Math.abs(v));
        }
        if (scale == 0 || Math.abs(determinant(h)) < 1e-12 * scale * scale * scale) {
            return "must be invertible but is singular";
        }
        return null;
    }

    private static double determinant(double[] m) {
        return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6])
                + m[2] * (m[3] * m[7] - m[4] * m[6]);
    }

    private static double[] invert(double[] m) {
        double det = determinant(m);
        return new double[] {
            (m[4] * m[8] - m[5] * m[7]) / det, (m[2] * m[7] - m[1] * m[8]) / det, (m[1] * m[5] - m[2] * m[4]) / det,
            (m[5] * m[6] - m[3] * m[8]) / det, (m[0] * m[8] - m[2] * m[6]) / det, (m[2] * m[3] - m[0] * m[5]) / det,
            (m[3] * m[7] - m[4] * m[6]) / det, (m[1] * m[6] - m[0] * m[7]) / det, (m[0] * m[4] - m[1] * m[3]) / det,
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloorHomographyCamera other && cameraId.equals(other.cameraId)
                && Arrays.equals(pixelToFloor, other.pixelToFloor) && widthPixels == other.widthPixels
                && heightPixels == other.heightPixels;
    }

    @Override
    public int hashCode() {
        return Objects.hash(cameraId, Arrays.hashCode(pixelToFloor), widthPixels, heightPixels);
    }

    @Override
    public String toString() {
        return "FloorHomographyCamera[cameraId=" + cameraId + ", pixelToFloor=" + Arrays.toString(pixelToFloor)
                + ", " + widthPixels + "x" + heightPixels + "]";
    }
}
