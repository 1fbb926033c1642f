package io.aisle.simulations.store;

import io.aisle.fusion.layout.Facing;
import io.aisle.fusion.layout.FloorZone;
import io.aisle.fusion.layout.Plate;
import io.aisle.fusion.layout.PlateBox;
import io.aisle.fusion.layout.Product;
import io.aisle.fusion.layout.StoreLayout;
import io.aisle.vision.observation.StorePoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates a store: rows of one-sided gondolas along x, each with four shelves of plates 0.5 m
 * wide, facing an aisle on their +y side. The entry is at the front left, the exit at the front
 * right, a corridor runs along the front and one on each side.
 *
 * <p>About one product in five has a twin of exactly the same weight (another flavour of the same
 * pack) placed elsewhere. A mixed plate holds two products whose combinations of up to three
 * units stay apart by weight, as a store would choose them for weighed shelves.
 */
public final class StoreLayoutGenerator {

    /** Plates per shelf: a gondola 6 m long. */
    public static final int PLATES_PER_SHELF = 12;
    public static final int SHELVES = 4;
    public static final double PLATE_WIDTH_METERS = 0.5;
    public static final double GONDOLA_DEPTH_METERS = 0.5;
    public static final double AISLE_WIDTH_METERS = 2.0;
    public static final double FIRST_GONDOLA_Y = 2.5;
    public static final double GONDOLA_X = 2.0;
    private static final double[] SHELF_BOTTOM_Z = {0.2, 0.6, 1.0, 1.4};
    private static final double SHELF_HEIGHT = 0.35;

    private StoreLayoutGenerator() {
    }

    public static StoreLayout generate(String storeId, int plateCount, double mixedPlateRate, long seed) {
        Random random = new Random(seed);
        int perGondola = PLATES_PER_SHELF * SHELVES;
        int gondolas = (plateCount + perGondola - 1) / perGondola;
        double width = GONDOLA_X + PLATES_PER_SHELF * PLATE_WIDTH_METERS + 2.0;
        double depth = FIRST_GONDOLA_Y + gondolas * (GONDOLA_DEPTH_METERS + AISLE_WIDTH_METERS) + 1.0;
        List<Product> products = new ArrayList<>();
        List<Plate> plates = new ArrayList<>();
        for (int i = 0; i < plateCount; i++) {
            int g = i / perGondola;
            int s = (i % perGondola) / PLATES_PER_SHELF;
            int p = i % PLATES_PER_SHELF;
            double x0 = GONDOLA_X + p * PLATE_WIDTH_METERS;
            double y0 = gondolaY(g);
            double z0 = SHELF_BOTTOM_Z[s];
            PlateBox box = new PlateBox(new StorePoint(x0 + 0.01, y0, z0),
                    new StorePoint(x0 + PLATE_WIDTH_METERS - 0.01, y0 + GONDOLA_DEPTH_METERS, z0 + SHELF_HEIGHT));
            List<Facing> facings = new ArrayList<>();
            Product first = newProduct(products, random);
            facings.add(new Facing(first.sku(), 15 + random.nextInt(16)));
            if (random.nextDouble() < mixedPlateRate) {
                Product second = secondProduct(products, first, random);
                facings.add(new Facing(second.sku(), 10 + random.nextInt(11)));
            }
            String plateId = "G" + (g + 1) + "-S" + (s + 1) + "-P" + (p + 1);
            plates.add(new Plate(plateId, "G" + (g + 1), "G" + (g + 1) + "-S" + (s + 1), "LC-" + (i + 1), box,
                    60_000, facings));
        }
        FloorZone entry = new FloorZone(0, 0, 1.5, 1.5);
        FloorZone exit = new FloorZone(width - 1.5, 0, width, 1.5);
        return new StoreLayout(storeId, width, depth, entry, exit, products, plates);
    }

    /**
     * The solid block of every gondola of a layout, by gondola id in plate order: the bounding box
     * of its plates from the floor up (shoppers walk around it, cameras do not see through it).
     */
    public static Map<String, PlateBox> gondolaBlocks(StoreLayout layout) {
        Map<String, PlateBox> blocks = new LinkedHashMap<>();
        for (Plate plate : layout.plates()) {
            PlateBox b = plate.box();
            blocks.merge(plate.gondolaId(), new PlateBox(new StorePoint(b.min().xMeters(), b.min().yMeters(), 0), b.max()),
                    (a, n) -> new PlateBox(
                            new StorePoint(Math.min(a.min().xMeters(), n.min().xMeters()),
                                    Math.min(a.min().yMeters(), n.min().yMeters()), 0),
                            new StorePoint(Math.max(a.max().xMeters(), n.max().xMeters()),
                                    Math.max(a.max().yMeters(), n.max().yMeters()),
                                    Math.max(a.max().zMeters(), n.max().zMeters()))));
        }
        return blocks;
    }

    /** y of the back edge of gondola {@code g} (its plates span y .. y + depth; the aisle is above). */
    public static double gondolaY(int g) {
        return FIRST_GONDOLA_Y + g * (GONDOLA_DEPTH_METERS + AISLE_WIDTH_METERS);
    }

    private static Product newProduct(List<Product> products, Random random) {
        int n = products.size() + 1;
        double weight;
        if (!products.isEmpty() && random.nextDouble() < 0.2) {
            // A twin: another flavour of an existing pack, same nominal weight.
            weight = products.get(random.nextInt(products.size())).unitWeightGrams();
        } else {
            weight = Math.round(60 + random.nextDouble() * 840);
        }
        return add(products, new Product(String.format("SKU-%04d", n), "Product " + n, weight,
                0.01 * weight + 0.5, String.format("app-%04d", n)));
    }

    private static Product secondProduct(List<Product> products, Product first, Random random) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            double weight = Math.round(60 + random.nextDouble() * 840);
            if (separable(first.unitWeightGrams(), weight)) {
                int n = products.size() + 1;
                return add(products, new Product(String.format("SKU-%04d", n), "Product " + n, weight,
                        0.01 * weight + 0.5, String.format("app-%04d", n)));
            }
        }
        throw new IllegalStateException("no separable second product found");
    }

    /** True when no two different combinations of up to three units of a and b weigh within 4% (+8 g) of each other. */
    static boolean separable(double a, double b) {
        List<double[]> combos = new ArrayList<>();
        for (int i = 0; i <= 3; i++) {
            for (int j = 0; i + j <= 3; j++) {
                if (i + j > 0) {
                    combos.add(new double[] {i, j, i * a + j * b});
                }
            }
        }
        for (int x = 0; x < combos.size(); x++) {
            for (int y = x + 1; y < combos.size(); y++) {
                double wx = combos.get(x)[2];
                double wy = combos.get(y)[2];
                if (Math.abs(wx - wy) < 0.04 * Math.max(wx, wy) + 8) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Product add(List<Product> products, Product product) {
        products.add(product);
        return product;
    }
}
