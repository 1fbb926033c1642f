package io.aisle.fusion.planogram;

import io.aisle.fusion.inference.Candidate;
import io.aisle.fusion.layout.Facing;
import io.aisle.fusion.layout.Plate;
import io.aisle.fusion.layout.Product;
import io.aisle.fusion.layout.StoreLayout;
import io.aisle.vision.snapshot.SnapshotCodec;
import io.aisle.vision.snapshot.SnapshotReader;
import io.aisle.vision.snapshot.SnapshotWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Units per SKU on each plate, as the engine believes them to be.
 *
 * <p>A SKU the layout assigns to a plate always stays a pick candidate there (counts can be
 * off when stock is refilled without the engine knowing). A SKU put back on a plate it does not
 * belong to is a candidate there only while units of it are believed to be on it, so a later
 * pick from that spot can be recognised as the misplaced product.
 *
 * <p>Not thread-safe: owned by the fusion engine.
 */
public final class LivePlanogram {

    /**
     * A plate count, then per plate its believed units (count, then sku and int units, SKUs sorted)
     * and its assigned SKUs (sorted list of strings).
     */
    public static final SnapshotCodec<LivePlanogram> CODEC = SnapshotCodec.of(LivePlanogram::write, LivePlanogram::read);

    private final List<TreeMap<String, Integer>> units = new ArrayList<>();
    private final List<Set<String>> assigned = new ArrayList<>();

    public LivePlanogram(StoreLayout layout) {
        for (Plate plate : layout.plates()) {
            TreeMap<String, Integer> counts = new TreeMap<>();
            Set<String> skus = new HashSet<>();
            for (Facing facing : plate.facings()) {
                counts.merge(facing.sku(), facing.count(), Integer::sum);
                skus.add(facing.sku());
            }
            units.add(counts);
            assigned.add(skus);
        }
    }

    private LivePlanogram() {
    }

    private void write(SnapshotWriter out) {
        out.writeInt(units.size());
        for (int i = 0; i < units.size(); i++) {
            out.writeMap(units.get(i), SnapshotCodec.INT).writeList(new TreeSet<>(assigned.get(i)), SnapshotCodec.STRING);
        }
    }

    private static LivePlanogram read(SnapshotReader in) {
        LivePlanogram planogram = new LivePlanogram();
        int plates = in.readInt();
        if (plates < 0) {
            throw in.corrupt("the planogram has " + plates + " plates");
        }
        for (int i = 0; i < plates; i++) {
            planogram.units.add(new TreeMap<>(in.readMap(SnapshotCodec.INT)));
            planogram.assigned.add(new HashSet<>(in.readList(SnapshotCodec.STRING)));
        }
        return planogram;
    }

    /** Plates the planogram knows. */
    public int plateCount() {
        return units.size();
    }

    /**
     * Pick candidates of a plate: assigned SKUs (with at least {@code minAssignedUnits} available,
     * prior proportional to believed units, at least one half) and misplaced SKUs believed present.
     */
    public List<Candidate> pickCandidates(int plateIndex, Map<String, Product> products, int minAssignedUnits) {
        List<Candidate> candidates = new ArrayList<>();
        Set<String> skus = assigned.get(plateIndex);
        for (Map.Entry<String, Integer> e : units.get(plateIndex).entrySet()) {
            Product product = products.get(e.getKey());
            int count = e.getValue();
            if (skus.contains(e.getKey())) {
                candidates.add(new Candidate(product.sku(), product.unitWeightGrams(), product.weightStdDevGrams(),
                        Math.max(count, minAssignedUnits), Math.max(count, 0.5)));
            } else if (count > 0) {
                candidates.add(new Candidate(product.sku(), product.unitWeightGrams(), product.weightStdDevGrams(),
                        count, count));
            }
        }
        return candidates;
    }

    /** Adds (put-back) or removes (pick) units of a SKU on a plate; believed counts never go below zero. */
    public void apply(int plateIndex, String sku, int deltaUnits) {
        TreeMap<String, Integer> counts = units.get(plateIndex);
        int next = Math.max(0, counts.getOrDefault(sku, 0) + deltaUnits);
        if (next == 0 && !assigned.get(plateIndex).contains(sku)) {
            counts.remove(sku);
        } else {
            counts.put(sku, next);
        }
    }

    /** True when the layout's planogram puts this SKU on this plate. */
    public boolean isAssigned(int plateIndex, String sku) {
        return assigned.get(plateIndex).contains(sku);
    }

    /** Units per SKU believed on a plate, SKUs sorted. */
    public Map<String, Integer> unitsOn(int plateIndex) {
        return new TreeMap<>(units.get(plateIndex));
    }

    /** SKUs believed on a plate that the layout does not assign to it. */
    public Map<String, Integer> misplacedOn(int plateIndex) {
        Map<String, Integer> misplaced = new LinkedHashMap<>();
        units.get(plateIndex).forEach((sku, n) -> {
            if (!assigned.get(plateIndex).contains(sku) && n > 0) {
                misplaced.put(sku, n);
            }
        });
        return misplaced;
    }
}
