package io.aisle.simulations.vision;

import io.aisle.fusion.layout.Facing;
import io.aisle.fusion.layout.Plate;
import io.aisle.fusion.layout.Product;
import io.aisle.fusion.layout.StoreLayout;
import io.aisle.simulations.store.StoreLayoutGenerator;
import io.aisle.simulations.store.StoreScenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code lookalike} scenario: every plate holds two products whose unit weights differ by
 * {@value #WEIGHT_GAP_GRAMS} g, less than one load-cell sample's noise (2 g), such as two flavours
 * of one pack. Weight tells how many units moved, never which of the two; only their look does.
 *
 * <p>The layout generator keeps mixed plates separable by weight on purpose, so this store is
 * built from a generated single-product store by giving each plate a second, look-alike product.
 */
public final class LookalikeStore {

    /** Unit weight difference of the two products on a plate. */
    public static final double WEIGHT_GAP_GRAMS = 1.0;

    private LookalikeStore() {
    }

    /** Standard shopper behaviour in a store of 120 plates, like {@code standard}, whose plates all hold look-alike pairs. */
    public static StoreScenario scenario() {
        StoreScenario s = StoreScenario.standard();
        return new StoreScenario("lookalike", s.minShoppers(), s.maxShoppers(), s.minutes(), 120,
                s.maxItemsPerShopper(), s.putBackRate(), s.misplacedRate(), s.sameWeightMisplacedRate(),
                s.multiGrabRate(), s.handOffRate(), s.groupRate(), s.contentionRate(), s.touchRate(), s.leanRate(),
                1.0, s.noiseGrams(), s.driftGramsPerMinute(), s.skewMillis(), s.positionNoiseMeters(),
                s.wristNoiseMeters(), s.dropRate(), s.idSwitchesPerMinute());
    }

    /** A generated store of {@code plates} single-product plates, each given a look-alike second product. */
    public static StoreLayout layout(String storeId, int plates, long seed) {
        StoreLayout base = StoreLayoutGenerator.generate(storeId, plates, 0.0, seed);
        Map<String, Product> bySku = base.productsBySku();
        List<Product> products = new ArrayList<>(base.products());
        List<Plate> withPairs = new ArrayList<>();
        for (Plate plate : base.plates()) {
            Product first = bySku.get(plate.facings().get(0).sku());
            int n = products.size() + 1;
            double weight = first.unitWeightGrams() + WEIGHT_GAP_GRAMS;
            Product twin = new Product(String.format("SKU-%04d", n), first.name() + " (other flavour)", weight,
                    first.weightStdDevGrams(), String.format("app-%04d", n));
            products.add(twin);
            List<Facing> facings = new ArrayList<>(plate.facings());
            facings.add(new Facing(twin.sku(), plate.facings().get(0).count()));
            withPairs.add(new Plate(plate.id(), plate.gondolaId(), plate.shelfId(), plate.loadCellId(), plate.box(),
                    plate.capacityGrams(), facings));
        }
        return new StoreLayout(base.storeId(), base.floorWidthMeters(), base.floorDepthMeters(), base.entry(),
                base.exit(), products, withPairs);
    }
}
