package io.aisle.vision.calibration;

import io.aisle.vision.observation.StorePoint;
import java.util.Arrays;
import java.util.Objects;

/**
 * Extrinsics: where a camera is in the store frame and how it is turned. A store point {@code X}
 * has camera coordinates {@code R (X - position)}, with the camera looking along +z, x to the
 * right of the image and y down the image.
 *
 * @param worldToCamera the rotation {@code R}, row-major, 9 values; must be orthonormal with
 *     determinant +1 (within 1e-3)
 * @param position the camera centre in the store frame
 */
public record CameraPose(double[] worldToCamera, StorePoint position) {

    private static final double TOLERANCE = 1e-3;

    public CameraPose {
        Objects.requireNonNull(worldToCamera, "worldToCamera");
        Objects.requireNonNull(position, "position");
        if (worldToCamera.length != 9) {
            throw new IllegalArgumentException("worldToCamera must have 9 values but had " + worldToCamera.length);
        }
        worldToCamera = worldToCamera.clone();
        String problem = rotationProblem(worldToCamera);
        if (problem != null) {
            throw new IllegalArgumentException("worldToCamera " + problem);
        }
    }

    /**
     * A camera at {@code position} looking at {@code target}, with no roll: the image's x axis
     * stays horizontal. The target must not be straight above or below the camera.
     */
    public static CameraPose lookingAt(StorePoint position, StorePoint target) {
        double[] f = normalize(target.xMeters() - position.xMeters(), target.yMeters() - position.yMeters(),
                target.zMeters() - position.zMeters());
        // right = forward x up(0,0,1); down = forward x right, so that right x down = forward.
        double[] r = normalize(f[1], -f[0], 0);
        double[] d = {f[1] * r[2] - f[2] * r[1], f[2] * r[0] - f[0] * r[2], f[0] * r[1] - f[1] * r[0]};
        return new CameraPose(new double[] {r[0], r[1], r[2], d[0], d[1], d[2], f[0], f[1], f[2]}, position);
    }

    /** Null when {@code m} (row-major 3x3) is a proper rotation, else what is wrong with it. */
    static String rotationProblem(double[] m) {
        for (double v : m) {
            if (!Double.isFinite(v)) {
                return "must hold finite values";
            }
        }
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double dot = m[3 * i] * m[3 * j] + m[3 * i + 1] * m[3 * j + 1] + m[3 * i + 2] * m[3 * j + 2];
                if (Math.abs(dot - (i == j ? 1 : 0)) > TOLERANCE) {
                    return "must be orthonormal but rows " + i + " and " + j + " have dot product " + dot;
                }
            }
        }
        double det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6])
                + m[2] * (m[3] * m[7] - m[4] * m[6]);
        if (Math.abs(det - 1) > TOLERANCE) {
            return "must have determinant +1 (a rotation, not a reflection) but had " + det;
        }
        return null;
    }

    @Override
    public double[] worldToCamera() {
        return worldToCamera.clone();
    }

    /** Element {@code (row, column)} of the rotation, without copying. */
    double rotation(int row, int column) {
        return worldToCamera[3 * row + column];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CameraPose other && Arrays.equals(worldToCamera, other.worldToCamera)
                && position.equals(other.position);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(worldToCamera) + position.hashCode();
    }

    @Override
    public String toString() {
        return "CameraPose[worldToCamera=" + Arrays.toString(worldToCamera) + ", position=" + position + "]";
    }

    private static double[] normalize(double x, double y, double z) {
        double n = Math.sqrt(x * x + y * y + z * z);
        if (n < 1e-9) {
            throw new IllegalArgumentException("direction must not be zero (or straight up/down for lookingAt)");
        }
        return new double[] {x / n, y / n, z / n};
    }
}
