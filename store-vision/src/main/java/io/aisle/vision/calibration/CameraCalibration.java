package io.aisle.vision.calibration;

import io.aisle.vision.frame.PixelPoint;
import io.aisle.vision.observation.FloorPoint;
import io.aisle.vision.observation.StorePoint;
import java.util.Objects;
import java.util.Optional;

/**
 * One calibrated camera: pinhole intrinsics plus its pose in the store frame. Immutable and
 * thread-safe.
 */
public record CameraCalibration(String cameraId, Intrinsics intrinsics, CameraPose pose) implements CameraModel {

    public CameraCalibration {
        Objects.requireNonNull(cameraId, "cameraId");
        if (cameraId.isBlank()) {
            throw new IllegalArgumentException("cameraId must not be blank");
        }
        Objects.requireNonNull(intrinsics, "intrinsics");
        Objects.requireNonNull(pose, "pose");
    }

    /**
     * The pixel where a store point appears, or empty when it is behind the camera. The pixel may
     * lie outside the image; check {@link Intrinsics#contains}.
     */
    public Optional<PixelPoint> project(StorePoint point) {
        double wx = point.xMeters() - pose.position().xMeters();
        double wy = point.yMeters() - pose.position().yMeters();
        double wz = point.zMeters() - pose.position().zMeters();
        double cx = pose.rotation(0, 0) * wx + pose.rotation(0, 1) * wy + pose.rotation(0, 2) * wz;
        double cy = pose.rotation(1, 0) * wx + pose.rotation(1, 1) * wy + pose.rotation(1, 2) * wz;
        double cz = pose.rotation(2, 0) * wx + pose.rotation(2, 1) * wy + pose.rotation(2, 2) * wz;
        if (cz <= 1e-6) {
            return Optional.empty();
        }
        return Optional.of(new PixelPoint(intrinsics.fx() * cx / cz + intrinsics.cx(),
                intrinsics.fy() * cy / cz + intrinsics.cy()));
    }

    /** The ray from the camera centre through a pixel, in the store frame. */
    public Ray rayThrough(PixelPoint pixel) {
        double x = (pixel.u() - intrinsics.cx()) / intrinsics.fx();
        double y = (pixel.v() - intrinsics.cy()) / intrinsics.fy();
        // World direction = R^T * (x, y, 1).
        double dx = pose.rotation(0, 0) * x + pose.rotation(1, 0) * y + pose.rotation(2, 0);
        double dy = pose.rotation(0, 1) * x + pose.rotation(1, 1) * y + pose.rotation(2, 1);
        double dz = pose.rotation(0, 2) * x + pose.rotation(1, 2) * y + pose.rotation(2, 2);
        double n = Math.sqrt(dx * dx + dy * dy + dz * dz);
        return new Ray(pose.position(), dx / n, dy / n, dz / n);
    }

    /**
     * Where the ray through a pixel meets the horizontal plane at {@code heightMeters}; empty when
     * the ray never reaches it (it points above the horizon, or runs parallel to the plane).
     */
    public Optional<StorePoint> pointAtHeight(PixelPoint pixel, double heightMeters) {
        Ray ray = rayThrough(pixel);
        if (Math.abs(ray.dz()) < 1e-9) {
            return Optional.empty();
        }
        double distance = (heightMeters - ray.origin().zMeters()) / ray.dz();
        if (distance <= 0) {
            return Optional.empty();
        }
        return Optional.of(ray.at(distance));
    }

    /** Where the ray through a pixel meets the floor (height 0): a person's feet, for instance. */
    @Override
    public Optional<FloorPoint> floorPoint(PixelPoint pixel) {
        return pointAtHeight(pixel, 0).map(p -> new FloorPoint(p.xMeters(), p.yMeters()));
    }

    @Override
    public Optional<Ray> findRay(PixelPoint pixel) {
        return Optional.of(rayThrough(pixel));
    }

    @Override
    public int widthPixels() {
        return intrinsics.widthPixels();
    }

    @Override
    public int heightPixels() {
        return intrinsics.heightPixels();
    }
}
