package io.aisle.recommender.alsobought;

import io.aisle.recommender.catalog.ItemCatalog;
import io.aisle.recommender.scoring.CandidateMask;
import io.aisle.recommender.scoring.ItemFilter;
import io.aisle.recommender.scoring.PopularityFallback;
import io.aisle.recommender.scoring.ScoredItem;
import io.aisle.recommender.scoring.TopK;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
        // Summed sparsely: a basket reaches at most (basket size x list length) candidates, so a map of
        // those beats a catalogue-sized array per request (800 KB at 100k items). Insertion order keeps
        // candidates in neighbour-list order, as ties in the heap depend on it.
        Map<Integer, double[]> sums = new LinkedHashMap<>();
        for (int item : known) {
            int[] candidates = neighbours.neighbourIndices(item);
            double[] similarities = neighbours.neighbourScores(item);
            for (int n = 0; n < candidates.length; n++) {
                sums.computeIfAbsent(candidates[n], candidate -> new double[1])[0] += similarities[n];
            }
        }
        CandidateMask mask = new CandidateMask(catalog, filter, known);
        TopK top = new TopK(k);
        for (Map.Entry<Integer, double[]> sum : sums.entrySet()) {
            // Only positive sums are candidates.
            if (sum.getValue()[0] > 0 && mask.allows(sum.getKey())) {
                top.offer(sum.getKey(), sum.getValue()[0]);
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
