package io.aisle.recommender.foryou;

/**
 * Weights of a second-order factorization machine (Rendle, "Factorization Machines", ICDM 2010):
 * {@code y(x) = w0 + sum_i w_i x_i + sum_{i<j} <v_i, v_j> x_i x_j}, computed in O(k n) as
 * {@code w0 + sum_i w_i x_i + 1/2 sum_f [(sum_i v_if x_i)^2 - sum_i v_if^2 x_i^2]}, the same order of
 * operations as Spark MLlib's {@code FMClassificationModel}, so predictions agree to rounding.
 *
 * <p>Immutable; the arrays are owned by this object.
 */
public final class FactorizationMachine {

    private final int featureCount;
    private final int factorSize;
    private final double intercept;
    private final double[] linear;
    private final double[] factors;

    /**
     * @param linear one weight per feature
     * @param factors row-major {@code featureCount x factorSize}
     */
    public FactorizationMachine(int featureCount, int factorSize, double intercept, double[] linear, double[] factors) {
        if (featureCount < 1 || factorSize < 1) {
            throw new IllegalArgumentException("featureCount and factorSize must be >= 1 but were " + featureCount + " and " + factorSize);
        }
        if (linear.length != featureCount) {
            throw new IllegalArgumentException("linear must have " + featureCount + " weights but had " + linear.length);
        }
        if (factors.length != (long) featureCount * factorSize) {
            throw new IllegalArgumentException("factors must have " + featureCount + " x " + factorSize + " values but had " + factors.length);
        }
        this.featureCount = featureCount;
        this.factorSize = factorSize;
        this.intercept = intercept;
        this.linear = linear;
        this.factors = factors;
    }

    public int featureCount() {
        return featureCount;
    }

    public int factorSize() {
        return factorSize;
    }

    public double intercept() {
        return intercept;
    }

    public double linear(int feature) {
        return linear[feature];
    }

    public double factor(int feature, int f) {
        return factors[feature * factorSize + f];
    }

    /** Copy of the linear weights. */
    public double[] linearWeights() {
        return linear.clone();
    }

    /** Copy of the factors, row-major {@code featureCount x factorSize}. */
    public double[] factorWeights() {
        return factors.clone();
    }

    /** The raw score (log-odds for a classifier) of a sparse input. */
    public double predictRaw(int[] indices, double[] values) {
        double raw = intercept;
        for (int n = 0; n < indices.length; n++) {
            raw += linear[indices[n]] * values[n];
        }
        for (int f = 0; f < factorSize; f++) {
            double sum = 0;
            double sumSquares = 0;
            for (int n = 0; n < indices.length; n++) {
                double vx = factors[indices[n] * factorSize + f] * values[n];
                sum += vx;
                sumSquares += vx * vx;
            }
            raw += 0.5 * (sum * sum - sumSquares);
        }
        return raw;
    }

    /** The logistic probability of a raw score. */
    public static double probability(double raw) {
        return 1.0 / (1.0 + Math.exp(-raw));
    }
}
