package io.aisle.training.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The same methods evaluated on several seeded splits. One split's 1,500 hidden items leave a standard
 * error of about 0.013 on HR@10, more than the gap between good methods, so a choice made on one split
 * can be luck; the mean, the spread and how often one method beats another over many splits are not.
 *
 * @param seeds the split seeds, in order
 * @param results per split, method to metric to value, in the order of {@code seeds}
 */
public record RepeatedSplits(List<Long> seeds, List<Map<String, Map<String, Double>>> results) {

    public RepeatedSplits {
        seeds = List.copyOf(seeds);
        results = List.copyOf(results);
        if (seeds.isEmpty() || seeds.size() != results.size()) {
            throw new IllegalArgumentException("need one result per seed, at least one; got " + seeds.size()
                    + " seeds and " + results.size() + " results");
        }
    }

    /** Method to metric to its mean over the splits. */
    public Map<String, Map<String, Double>> mean() {
        return perMethod(values -> values.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
    }

    /** Method to metric to its sample standard deviation over the splits (0 for one split). */
    public Map<String, Map<String, Double>> standardDeviation() {
        return perMethod(values -> {
            double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            return values.size() < 2 ? 0 : Math.sqrt(squares / (values.size() - 1));
        });
    }

    /** The splits on which {@code method} scored strictly higher than {@code other} on {@code metric}. */
    public int splitsWon(String method, String other, String metric) {
        int won = 0;
        for (Map<String, Map<String, Double>> split : results) {
            if (split.get(method).get(metric) > split.get(other).get(metric)) {
                won++;
            }
        }
        return won;
    }

    private Map<String, Map<String, Double>> perMethod(ToDoubleFunction<List<Double>> statistic) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        results.get(0).forEach((method, metrics) -> {
            Map<String, Double> values = new LinkedHashMap<>();
            metrics.keySet().forEach(metric -> {
                List<Double> perSplit = new ArrayList<>(results.size());
                results.forEach(split -> perSplit.add(split.get(method).get(metric)));
                values.put(metric, statistic.applyAsDouble(perSplit));
            });
            out.put(method, values);
        });
        return out;
    }
}
