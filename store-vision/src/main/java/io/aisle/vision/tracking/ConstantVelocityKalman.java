package io.aisle.vision.tracking;

import io.aisle.vision.observation.FloorPoint;
import io.aisle.vision.snapshot.SnapshotCodec;

/**
 * A Kalman filter of a floor position under constant velocity with white-noise acceleration.
 * The x and y axes share one model and one measurement noise, so they share one 2x2 covariance
 * (position, velocity) and the filter keeps that once. Mutable; owned by one track.
 */
final class ConstantVelocityKalman {

    /** accelerationVariance, measurementVariance, x, y, vx, vy, p00, p01, p11 (doubles). */
    static final SnapshotCodec<ConstantVelocityKalman> CODEC = SnapshotCodec.of(
            (k, out) -> out.writeDouble(k.accelerationVariance).writeDouble(k.measurementVariance).writeDouble(k.x)
                    .writeDouble(k.y).writeDouble(k.vx).writeDouble(k.vy).writeDouble(k.p00).writeDouble(k.p01)
                    .writeDouble(k.p11),
            in -> {
                ConstantVelocityKalman k = new ConstantVelocityKalman(in.readDouble(), in.readDouble());
                k.x = in.readDouble();
                k.y = in.readDouble();
                k.vx = in.readDouble();
                k.vy = in.readDouble();
                k.p00 = in.readDouble();
                k.p01 = in.readDouble();
                k.p11 = in.readDouble();
                return k;
            });

    private final double accelerationVariance;
    private final double measurementVariance;
    private double x;
    private double y;
    private double vx;
    private double vy;
    // Covariance of (position, velocity) on one axis.
    private double p00;
    private double p01;
    private double p11;

    /**
     * @param accelerationStdDev how hard shoppers change speed, m/s²
     * @param measurementStdDev floor error of a fused detection, m
     */
    ConstantVelocityKalman(FloorPoint start, double accelerationStdDev, double measurementStdDev) {
        this.accelerationVariance = accelerationStdDev * accelerationStdDev;
        this.measurementVariance = measurementStdDev * measurementStdDev;
        restartAt(start);
    }

    private ConstantVelocityKalman(double accelerationVariance, double measurementVariance) {
        this.accelerationVariance = accelerationVariance;
        this.measurementVariance = measurementVariance;
    }

    /** Forgets velocity and history: the track was re-acquired after being lost. */
    void restartAt(FloorPoint position) {
        x = position.xMeters();
        y = position.yMeters();
        vx = 0;
        vy = 0;
        p00 = measurementVariance;
        p01 = 0;
        p11 = 1.0; // walking speed is about 1 m/s: velocity is unknown at that scale
    }

    void predict(double dtSeconds) {
        if (dtSeconds <= 0) {
            return;
        }
        x += vx * dtSeconds;
        y += vy * dtSeconds;
        double dt2 = dtSeconds * dtSeconds;
        double q = accelerationVariance;
        double n00 = p00 + 2 * dtSeconds * p01 + dt2 * p11 + q * dt2 * dt2 / 4;
        double n01 = p01 + dtSeconds * p11 + q * dt2 * dtSeconds / 2;
        double n11 = p11 + q * dt2;
        p00 = n00;
        p01 = n01;
        p11 = n11;
    }

    void update(FloorPoint measured) {
        double s = p00 + measurementVariance;
        double k0 = p00 / s;
        double k1 = p01 / s;
        double ix = measured.xMeters() - x;
        double iy = measured.yMeters() - y;
        x += k0 * ix;
        y += k0 * iy;
        vx += k1 * ix;
        vy += k1 * iy;
        double n00 = p00 - k0 * p00;
        double n01 = p01 - k0 * p01;
        double n11 = p11 - k1 * p01;
        p00 = n00;
        p01 = n01;
        p11 = n11;
    }

    FloorPoint position() {
        return new FloorPoint(x, y);
    }

    double speedMetersPerSecond() {
        return Math.hypot(vx, vy);
    }
}
