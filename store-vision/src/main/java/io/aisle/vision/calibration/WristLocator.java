package io.aisle.vision.calibration;

import io.aisle.vision.observation.FloorPoint;
import io.aisle.vision.observation.StorePoint;
import java.util.List;
import java.util.Optional;

/**
 * Puts a wrist seen in images at a 3D point: by triangulation when two cameras see it, otherwise
 * on the nearest shelf face within reach of the shopper (a hand at a shelf crosses its face).
 * Immutable and thread-safe.
 */
public final class WristLocator {

    /** Two rays that pass farther apart than this do not see the same wrist. */
    public static final double MAX_RAY_GAP_METERS = 0.25;

    private final List<ShelfFace> shelfFaces;
    private final double reachMeters;

    /**
     * @param reachMeters how far from the shopper's floor position a wrist may be
     */
    public WristLocator(List<ShelfFace> shelfFaces, double reachMeters) {
        this.shelfFaces = List.copyOf(shelfFaces);
        if (!(reachMeters > 0)) {
            throw new IllegalArgumentException("reachMeters must be > 0 but was " + reachMeters);
        }
        this.reachMeters = reachMeters;
    }

    /**
     * The midpoint of the shortest segment between two rays, or empty when the rays are nearly
     * parallel, meet behind a camera, or pass more than {@link #MAX_RAY_GAP_METERS} apart.
     */
    public static Optional<StorePoint> triangulate(Ray a, Ray b) {
        // Closest points a.origin + s*da and b.origin + t*db: solve the 2x2 normal equations.
        double wx = a.origin().xMeters() - b.origin().xMeters();
        double wy = a.origin().yMeters() - b.origin().yMeters();
        double wz = a.origin().zMeters() - b.origin().zMeters();
        double ab = a.dx() * b.dx() + a.dy() * b.dy() + a.dz() * b.dz();
        double aw = a.dx() * wx + a.dy() * wy + a.dz() * wz;
        double bw = b.dx() * wx + b.dy() * wy + b.dz() * wz;
        double denominator = 1 - ab * ab;
        if (denominator < 1e-6) {
            return Optional.empty();
        }
        double s = (ab * bw - aw) / denominator;
        double t = (bw - ab * aw) / denominator;
        if (s <= 0 || t <= 0) {
            return Optional.empty();
        }
        StorePoint pa = a.at(s);
        StorePoint pb = b.at(t);
        if (pa.distanceTo(pb) > MAX_RAY_GAP_METERS) {
            return Optional.empty();
        }
        return Optional.of(new StorePoint((pa.xMeters() + pb.xMeters()) / 2, (pa.yMeters() + pb.yMeters()) / 2,
                (pa.zMeters() + pb.zMeters()) / 2));
    }

    /** Where a ray crosses a shelf face, or empty when it misses the face's extent. */
    public static Optional<StorePoint> intersect(Ray ray, ShelfFace face) {
        double ex = face.to().xMeters() - face.from().xMeters();
        double ey = face.to().yMeters() - face.from().yMeters();
        // Horizontal normal of the vertical face.
        double nx = -ey;
        double ny = ex;
        double denominator = nx * ray.dx() + ny * ray.dy();
        if (Math.abs(denominator) < 1e-9) {
            return Optional.empty();
        }
        double distance = (nx * (face.from().xMeters() - ray.origin().xMeters())
                + ny * (face.from().yMeters() - ray.origin().yMeters())) / denominator;
        if (distance <= 0) {
            return Optional.empty();
        }
        StorePoint p = ray.at(distance);
        double along = ((p.xMeters() - face.from().xMeters()) * ex + (p.yMeters() - face.from().yMeters()) * ey)
                / (ex * ex + ey * ey);
        if (along < 0 || along > 1 || p.zMeters() < 0 || p.zMeters() > face.heightMeters()) {
            return Optional.empty();
        }
        return Optional.of(p);
    }

    /**
     * A wrist seen by one camera only: the crossing of its ray with the shelf face nearest to the
     * shopper, among faces within reach; empty when no face is within reach or the ray misses it.
     */
    public Optional<StorePoint> onShelfFace(Ray ray, FloorPoint shopper) {
        ShelfFace nearest = null;
        double best = reachMeters;
        for (ShelfFace face : shelfFaces) {
            double d = face.distanceTo(shopper);
            if (d <= best) {
                best = d;
                nearest = face;
            }
        }
        return nearest == null ? Optional.empty() : intersect(ray, nearest);
    }

    /** Triangulates when there are two or more rays (the first pair that agrees), else uses a shelf face. */
    public Optional<StorePoint> locate(List<Ray> rays, FloorPoint shopper) {
        for (int i = 0; i < rays.size(); i++) {
            for (int j = i + 1; j < rays.size(); j++) {
                Optional<StorePoint> p = triangulate(rays.get(i), rays.get(j));
                if (p.isPresent()) {
                    return p;
                }
            }
        }
        for (Ray ray : rays) {
            Optional<StorePoint> p = onShelfFace(ray, shopper);
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }
}
