package io.aisle.fusion.inference;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Infers which units a weight change moved, as a posterior over combinations of candidates.
 *
 * <p>Every combination of at most {@code maxUnits} units (bounded by what each candidate has
 * available) is scored by a Gaussian likelihood of the measured change given the combination's
 * summed mean and variance, times a prior: each extra unit costs a factor
 * {@code extraUnitPrior}, and each unit is drawn in proportion to its candidate's prior weight.
 * Branches whose weight already exceeds the change by more than five standard deviations are
 * pruned, so this is a small subset-sum. Example: a plate with 10 x 350 g and 4 x 120 g and a
 * change of -590 g gives {350 g x 1, 120 g x 2} (z near 0) far above {350 g x 2} (z = 110 / sd).
 */
public final class WeightInference {

    private final int maxUnits;
    private final double extraUnitPrior;
    private final double maxZScore;

    /**
     * @param maxUnits the most units one change can move
     * @param extraUnitPrior prior odds of each additional unit in one grab, in (0, 1]
     * @param maxZScore a best combination further away than this is "unexplained"
     */
    public WeightInference(int maxUnits, double extraUnitPrior, double maxZScore) {
        if (maxUnits < 1) {
            throw new IllegalArgumentException("maxUnits must be >= 1 but was " + maxUnits);
        }
        if (!(extraUnitPrior > 0 && extraUnitPrior <= 1)) {
            throw new IllegalArgumentException("extraUnitPrior must be in (0, 1] but was " + extraUnitPrior);
        }
        this.maxUnits = maxUnits;
        this.extraUnitPrior = extraUnitPrior;
        this.maxZScore = maxZScore;
    }

    /**
     * @param changeGrams the magnitude of the weight change (positive)
     * @param measurementStdDevGrams standard deviation of the measured change from sensor noise
     * @return combinations best first, posteriors summing to 1; empty when no combination comes
     *     within {@code maxZScore} standard deviations (a lean, a foreign object, an unknown item)
     */
    public List<ItemEstimate> infer(double changeGrams, double measurementStdDevGrams, List<Candidate> candidates) {
        List<Candidate> usable = candidates.stream().filter(c -> c.available() > 0).toList();
        double priorTotal = usable.stream().mapToDouble(Candidate::priorWeight).sum();
        List<Scored> scored = new ArrayList<>();
        enumerate(usable, 0, new int[usable.size()], 0, 0.0, 0.0, 0.0, changeGrams,
                measurementStdDevGrams * measurementStdDevGrams, priorTotal, scored);
        if (scored.isEmpty()) {
            return List.of();
        }
        double bestAbsZ = scored.stream().mapToDouble(s -> Math.abs(s.zScore)).min().orElseThrow();
        if (bestAbsZ > maxZScore) {
            return List.of();
        }
        double maxLog = scored.stream().mapToDouble(s -> s.logScore).max().orElseThrow();
        double total = 0;
        for (Scored s : scored) {
            total += Math.exp(s.logScore - maxLog);
        }
        // Candidates of the same SKU (units weighed one by one) give the same reading: add them up.
        Map<TreeMap<String, Integer>, double[]> byUnits = new LinkedHashMap<>();
        for (Scored s : scored) {
            double posterior = Math.exp(s.logScore - maxLog) / total;
            double[] acc = byUnits.computeIfAbsent(s.units, u -> new double[] {0, s.zScore, 0});
            acc[0] += posterior;
            if (posterior > acc[2]) {
                acc[1] = s.zScore;
                acc[2] = posterior;
            }
        }
        List<ItemEstimate> result = new ArrayList<>(byUnits.size());
        byUnits.forEach((units, acc) -> result.add(new ItemEstimate(units, acc[0], acc[1])));
        result.sort(Comparator.comparingDouble(ItemEstimate::posterior).reversed()
                .thenComparing(e -> e.units().toString()));
        return result;
    }

    /** The best combination, when there is one. */
    public Optional<ItemEstimate> best(double changeGrams, double measurementStdDevGrams, List<Candidate> candidates) {
        List<ItemEstimate> all = infer(changeGrams, measurementStdDevGrams, candidates);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    private record Scored(TreeMap<String, Integer> units, double logScore, double zScore) {
    }

    private void enumerate(List<Candidate> candidates, int index, int[] counts, int units, double mean,
                           double variance, double logPrior, double target, double measurementVariance,
                           double priorTotal, List<Scored> out) {
        if (index == candidates.size()) {
            if (units == 0) {
                return;
            }
            double sd = Math.sqrt(variance + measurementVariance);
            double z = (target - mean) / sd;
            double logLikelihood = -0.5 * z * z - Math.log(sd);
            TreeMap<String, Integer> map = new TreeMap<>();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] > 0) {
                    map.merge(candidates.get(i).sku(), counts[i], Integer::sum);
                }
            }
            double unitsPrior = (units - 1) * Math.log(extraUnitPrior) + logMultinomial(counts);
            out.add(new Scored(map, logLikelihood + logPrior + unitsPrior, z));
            return;
        }
        Candidate c = candidates.get(index);
        double share = Math.log(c.priorWeight() / priorTotal);
        int limit = Math.min(c.available(), maxUnits - units);
        for (int n = 0; n <= limit; n++) {
            double m = mean + n * c.unitWeightGrams();
            double v = variance + n * c.unitStdDevGrams() * c.unitStdDevGrams();
            if (n > 0 && m - target > 5 * Math.sqrt(v + measurementVariance)) {
                break;
            }
            counts[index] = n;
            enumerate(candidates, index + 1, counts, units + n, m, v, logPrior + n * share, target,
                    measurementVariance, priorTotal, out);
        }
        counts[index] = 0;
    }

    /** log of the number of orderings of the units, so mixed grabs are not under-counted. */
    private static double logMultinomial(int[] counts) {
        int total = 0;
        double logDenominator = 0;
        for (int n : counts) {
            total += n;
            logDenominator += logFactorial(n);
        }
        return logFactorial(total) - logDenominator;
    }

    private static double logFactorial(int n) {
        double sum = 0;
        for (int i = 2; i <= n; i++) {
            sum += Math.log(i);
        }
        return sum;
    }
}
