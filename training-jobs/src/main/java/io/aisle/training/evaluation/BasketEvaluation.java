package io.aisle.training.evaluation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Hidden-item evaluation on baskets: in every test basket with at least two items the model knows, one
 * item picked by a seeded random generator is hidden; each method ranks candidates for the rest of the
 * basket (never returning the basket's own items) and scores a hit when the hidden item is in its top 10.
 * HR@10 is the share of hits; NDCG@10 credits a hit at rank r with 1 / log2(r + 1).
 */
public final class BasketEvaluation {

    /** One case: the visible items and the hidden one. */
    public record Case(List<String> visible, String hidden) {

        public Case {
            visible = List.copyOf(visible);
        }
    }

    private final List<Case> cases;

    private BasketEvaluation(List<Case> cases) {
        this.cases = List.copyOf(cases);
    }

    /**
     * @param testBaskets test baskets in a fixed order (for example sorted by basket id)
     * @param known items the trained models know; unknown items are dropped from baskets first
     */
    public static BasketEvaluation of(List<List<String>> testBaskets, Set<String> known, long seed) {
        Random random = new Random(seed);
        List<Case> cases = new ArrayList<>();
        for (List<String> basket : testBaskets) {
            List<String> items = new ArrayList<>(new java.util.LinkedHashSet<>(basket));
            items.removeIf(item -> !known.contains(item));
            if (items.size() < 2) {
                continue;
            }
            String hidden = items.remove(random.nextInt(items.size()));
            cases.add(new Case(items, hidden));
        }
        return new BasketEvaluation(cases);
    }

    public int caseCount() {
        return cases.size();
    }

    /**
     * Runs every method over every case.
     *
     * @param methods name to a function (visible items, k) -> ranked item ids
     * @return method name to {@code hr@10} and {@code ndcg@10}, in the order given
     */
    public Map<String, Map<String, Double>> run(Map<String, BiFunction<List<String>, Integer, List<String>>> methods) {
        Map<String, Map<String, Double>> results = new LinkedHashMap<>();
        for (Map.Entry<String, BiFunction<List<String>, Integer, List<String>>> method : methods.entrySet()) {
            double hits = 0;
            double gain = 0;
            for (Case c : cases) {
                List<String> ranked = method.getValue().apply(c.visible(), Metrics.CUTOFF);
                Set<String> visible = new HashSet<>(c.visible());
                for (int rank = 0; rank < Math.min(Metrics.CUTOFF, ranked.size()); rank++) {
                    if (visible.contains(ranked.get(rank))) {
                        throw new IllegalStateException("method " + method.getKey() + " returned basket item " + ranked.get(rank));
                    }
                    if (ranked.get(rank).equals(c.hidden())) {
                        hits++;
                        gain += Metrics.discount(rank);
                        break;
                    }
                }
            }
            int n = Math.max(1, cases.size());
            results.put(method.getKey(), Map.of(Metrics.HIT_RATE_AT_10, hits / n, Metrics.NDCG_AT_10, gain / n));
        }
        return results;
    }
}
