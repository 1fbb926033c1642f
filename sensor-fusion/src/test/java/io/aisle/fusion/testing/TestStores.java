package io.aisle.fusion.testing;

import io.aisle.fusion.layout.Facing;
import io.aisle.fusion.layout.FloorZone;
import io.aisle.fusion.layout.Plate;
import io.aisle.fusion.layout.PlateBox;
import io.aisle.fusion.layout.Product;
import io.aisle.fusion.layout.StoreLayout;
import io.aisle.vision.observation.StorePoint;
import java.util.List;

/**
 * A small store for tests: one gondola whose shelf holds four plates side by side, 0.5 m wide,
 * at y 2.5-3.0 m and z 0.6-0.95 m, facing an aisle at y 3.6 m.
 *
 * <ul>
 *   <li>P1: oats, 350 g x 20</li>
 *   <li>P2: tea, 120 g x 20</li>
 *   <li>P3: muesli, 350 g x 20 (the same weight as oats)</li>
 *   <li>P4: mixed, soup 500 g x 10 and crackers 200 g x 10</li>
 * </ul>
 */
public final class TestStores {

    public static final double AISLE_Y = 3.6;

    private TestStores() {
    }

    public static StoreLayout small() {
        List<Product> products = List.of(
                new Product("OATS", "Oats", 350, 3, "app-oats"),
                new Product("TEA", "Tea", 120, 1.5, "app-tea"),
                new Product("MUESLI", "Muesli", 350, 3, "app-muesli"),
                new Product("SOUP", "Soup", 500, 4, "app-soup"),
                new Product("CRACKERS", "Crackers", 200, 2, "app-crackers"));
        return new StoreLayout("test-store", 10, 8, new FloorZone(0, 0, 1.5, 1.5), new FloorZone(8.5, 0, 10, 1.5),
                products, List.of(
                        plate(1, List.of(new Facing("OATS", 20))),
                        plate(2, List.of(new Facing("TEA", 20))),
                        plate(3, List.of(new Facing("MUESLI", 20))),
                        plate(4, List.of(new Facing("SOUP", 10), new Facing("CRACKERS", 10)))));
    }

    /**
     * The same shelf with look-alike pairs, flavours of one pack whose unit weights differ by 1 g,
     * less than one load-cell sample's noise:
     *
     * <ul>
     *   <li>P1: lemon 330 g x 12 and lime 331 g x 12</li>
     *   <li>P2: tea, 120 g x 20</li>
     *   <li>P3: cherry 500 g x 12 and plum 501 g x 12</li>
     *   <li>P4: soup 700 g x 10</li>
     * </ul>
     */
    public static StoreLayout lookalikes() {
        List<Product> products = List.of(
                new Product("LEMON", "Lemon soda 6-pack", 330, 1.5, "app-lemon"),
                new Product("LIME", "Lime soda 6-pack", 331, 1.5, "app-lime"),
                new Product("TEA", "Tea", 120, 1.5, "app-tea"),
                new Product("CHERRY", "Cherry jam", 500, 1.5, "app-cherry"),
                new Product("PLUM", "Plum jam", 501, 1.5, "app-plum"),
                new Product("SOUP", "Soup", 700, 4, "app-soup"));
        return new StoreLayout("lookalike-store", 10, 8, new FloorZone(0, 0, 1.5, 1.5), new FloorZone(8.5, 0, 10, 1.5),
                products, List.of(
                        plate(1, List.of(new Facing("LEMON", 12), new Facing("LIME", 12))),
                        plate(2, List.of(new Facing("TEA", 20))),
                        plate(3, List.of(new Facing("CHERRY", 12), new Facing("PLUM", 12))),
                        plate(4, List.of(new Facing("SOUP", 10)))));
    }

    private static Plate plate(int n, List<Facing> facings) {
        double x0 = 2 + (n - 1) * 0.5;
        return new Plate("P" + n, "G1", "G1-S1", "LC-" + n,
                new PlateBox(new StorePoint(x0 + 0.01, 2.5, 0.6), new StorePoint(x0 + 0.49, 3.0, 0.95)), 60_000, facings);
    }

    /** x of the middle of plate {@code n} (1-based), where a shopper stands to reach it. */
    public static double plateX(int n) {
        return 2 + (n - 1) * 0.5 + 0.25;
    }
}
