package io.aisle.recommender.alsobought;

import io.aisle.recommender.catalog.ItemCatalog;
import io.aisle.recommender.scoring.CandidateMask;
import io.aisle.recommender.scoring.ItemFilter;
import io.aisle.recommender.scoring.PerThreadIntTable;
import io.aisle.recommender.scoring.PopularityFallback;
import io.aisle.recommender.scoring.ScoredItem;
import io.aisle.recommender.scoring.TopK;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Recommends items for one item or a basket: each candidate's score is the sum of its similarities to
 * the basket's items; the basket's own items are never returned. When the neighbour lists yield fewer
 * than {@code k} items, the list is topped up with the most popular items of the basket's categories,
 * then overall, so a non-empty catalogue never gives an empty answer.
 *
 * <p>Thread-safe. A call allocates in proportion to the neighbours it reaches, plus the filter's mask.
 */
public final class AlsoBoughtScorer {

    private static final PerThreadIntTable SLOTS = new PerThreadIntTable();

    private final ItemNeighbours neighbours;

    public AlsoBoughtScorer(ItemNeighbours neighbours) {
        this.neighbours = Objects.requireNonNull(neighbours, "neighbours");
    }

    public ItemNeighbours neighbours() {
        return neighbours;
    }

    /**
     * Top {@code k} items for a basket of item ids; ids the model does not know are ignored.
     *
     * @param k number of items wanted, {@code >= 1}
     */
    public List<ScoredItem> recommend(Collection<String> basket, int k, ItemFilter filter) {
        ItemCatalog catalog = neighbours.catalog();
        int[] known = resolve(catalog, basket);
        Sums summed = known.length == 1 ? Sums.ofList(neighbours, known[0]) : Sums.of(neighbours, known);
        CandidateMask mask = new CandidateMask(catalog, filter, known);
        TopK top = new TopK(k);
        for (int slot = 0; slot < summed.slots(); slot++) {
            // Only positive sums are candidates.
            if (summed.sums()[slot] > 0 && mask.allows(summed.candidateOfSlot()[slot])) {
                top.offer(summed.candidateOfSlot()[slot], summed.sums()[slot]);
            }
        }
        List<ScoredItem> out = new ArrayList<>(k);
        int n = top.size();
        int[] indices = new int[n];
        double[] values = new double[n];
        top.drainInto(indices, values);
        for (int i = 0; i < n; i++) {
            out.add(new ScoredItem(catalog.itemId(indices[i]), values[i]));
        }
        if (out.size() < k) {
            List<String> categories = new ArrayList<>(new LinkedHashSet<>(categoriesOf(catalog, known)));
            out = PopularityFallback.fill(catalog, out, k, mask, categories);
        }
        return out;
    }

    /** Candidates with their summed similarities, in the order the basket's lists first reach them. */
    private record Sums(int[] candidateOfSlot, double[] sums, int slots) {

        /** One item's list is already that: its neighbours are distinct. Read only. */
        static Sums ofList(ItemNeighbours neighbours, int item) {
            int[] candidates = neighbours.neighbourIndices(item);
            return new Sums(candidates, neighbours.neighbourScores(item), candidates.length);
        }

        /**
         * Summed sparsely: a basket reaches at most (basket size x list length) candidates. Each gets a slot in
         * first-touch order (ties in the heap depend on it), found through a per-thread table over the catalogue.
         */
        static Sums of(ItemNeighbours neighbours, int[] known) {
            int reach = 0;
            for (int item : known) {
                reach += neighbours.neighbourIndices(item).length;
            }
            int[] candidateOfSlot = new int[reach];
            double[] sums = new double[reach];
            int slots = 0;
            int[] slotPlusOne = SLOTS.zeroed(neighbours.catalog().size());
            try {
                for (int item : known) {
                    int[] candidates = neighbours.neighbourIndices(item);
                    double[] similarities = neighbours.neighbourScores(item);
                    for (int n = 0; n < candidates.length; n++) {
                        int slot = slotPlusOne[candidates[n]] - 1;
                        if (slot < 0) {
                            slot = slots++;
                            candidateOfSlot[slot] = candidates[n];
                            slotPlusOne[candidates[n]] = slot + 1;
                        }
                        sums[slot] += similarities[n];
                    }
                }
            } finally {
                for (int slot = 0; slot < slots; slot++) {
                    slotPlusOne[candidateOfSlot[slot]] = 0;
                }
            }
            return new Sums(candidateOfSlot, sums, slots);
        }
    }

    /** Dense indices of the known, distinct basket items, in basket order. */
    static int[] resolve(ItemCatalog catalog, Collection<String> basket) {
        LinkedHashSet<Integer> known = new LinkedHashSet<>();
        for (String id : basket) {
            OptionalInt index = catalog.findIndex(id);
            if (index.isPresent()) {
                known.add(index.getAsInt());
            }
        }
        return known.stream().mapToInt(Integer::intValue).toArray();
    }

    private static List<String> categoriesOf(ItemCatalog catalog, int[] items) {
        List<String> categories = new ArrayList<>();
        for (int item : items) {
            String category = catalog.categoryOrNull(item);
            if (category != null) {
                categories.add(category);
            }
        }
        return categories;
    }
}
