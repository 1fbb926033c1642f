package io.aisle.vision.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The appearances of a list of SKUs, and labelled crop sets drawn from them. Immutable. */
public final class CropCatalog {

    private final List<ProductAppearance> products;

    public CropCatalog(List<String> skus) {
        if (skus.size() < 2) {
            throw new IllegalArgumentException("a catalog needs at least 2 SKUs but had " + skus.size());
        }
        List<ProductAppearance> list = new ArrayList<>();
        for (int i = 0; i < skus.size(); i++) {
            list.add(ProductAppearance.of(skus.get(i), i, skus.size()));
        }
        this.products = List.copyOf(list);
    }

    public List<ProductAppearance> products() {
        return products;
    }

    public List<String> skus() {
        return products.stream().map(ProductAppearance::sku).toList();
    }

    /** {@code perProduct} crops of every product, interleaved by product, all from one seeded random. */
    public List<LabeledCrop> render(CropRenderer renderer, int perProduct, long seed) {
        Random random = new Random(seed);
        List<LabeledCrop> crops = new ArrayList<>(perProduct * products.size());
        for (int i = 0; i < perProduct; i++) {
            for (ProductAppearance p : products) {
                crops.add(new LabeledCrop(p.sku(), renderer.render(p, random)));
            }
        }
        return crops;
    }
}
