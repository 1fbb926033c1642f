package io.aisle.vision.calibration;

/**
 * Pinhole intrinsics of an undistorted image, in pixels: focal lengths, principal point and the
 * image size. Lens distortion is expected to be removed on the edge device.
 */
public record Intrinsics(double fx, double fy, double cx, double cy, int widthPixels, int heightPixels) {

    public Intrinsics {
        requirePositive("fx", fx);
        requirePositive("fy", fy);
        requireFinite("cx", cx);
        requireFinite("cy", cy);
        if (widthPixels <= 0 || heightPixels <= 0) {
            throw new IllegalArgumentException("image size must be > 0 but was " + widthPixels + "x" + heightPixels);
        }
    }

    /** Whether a pixel lies inside the image. */
    public boolean contains(double u, double v) {
        return u >= 0 && v >= 0 && u < widthPixels && v < heightPixels;
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and > 0 but was " + value);
        }
    }

    private static void requireFinite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite but was " + value);
        }
    }
}
