package io.aisle.training.cli;

import io.aisle.training.foryou.ForYouJob;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options of the factorization machine. */
final class ForYouOptions implements CheckedOptions {

    @Option(names = "--factors", defaultValue = "16", description = "FM factor size k (default: ${DEFAULT-VALUE}).")
    int factors;

    @Option(names = "--iterations", defaultValue = "200", description = "FMClassifier iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--step-size", defaultValue = "0.01", description = "AdamW step size (default: ${DEFAULT-VALUE}).")
    double stepSize;

    @Option(names = "--reg", defaultValue = "0.0001", description = "L2 regularisation (default: ${DEFAULT-VALUE}).")
    double regParam;

    @Option(names = "--mini-batch", defaultValue = "0.05",
            description = "Share of rows per FM iteration (default: ${DEFAULT-VALUE}).")
    double miniBatchFraction;

    @Option(names = "--negatives", defaultValue = "3", description = "Sampled negatives per positive (default: ${DEFAULT-VALUE}).")
    int negatives;

    @Option(names = "--history-sample", defaultValue = "20",
            description = "History features: at most this many of a user's other items per training row; 0 turns them off (default: ${DEFAULT-VALUE}).")
    int historySample;

    @Option(names = "--user-weight", defaultValue = "0",
            description = "Value of a user's own one-hot feature, 0 to 1; 0 describes users by their history alone (default: ${DEFAULT-VALUE}).")
    double userFeatureWeight;

    @Option(names = "--max-eval-users", defaultValue = "3000", description = "Users evaluated at most (default: ${DEFAULT-VALUE}).")
    int maxEvalUsers;

    @Option(names = "--training-seed", defaultValue = "1", description = "Seed of negative sampling and FM initialisation (default: ${DEFAULT-VALUE}).")
    long trainingSeed;

    @Override
    public void check() {
        CheckedOptions.atLeast("--factors", factors, 1);
        CheckedOptions.atLeast("--iterations", iterations, 1);
        CheckedOptions.inRange("--step-size", stepSize, 0, true, Double.POSITIVE_INFINITY);
        CheckedOptions.inRange("--reg", regParam, 0, false, Double.POSITIVE_INFINITY);
        CheckedOptions.inRange("--mini-batch", miniBatchFraction, 0, true, 1);
        CheckedOptions.atLeast("--negatives", negatives, 1);
        CheckedOptions.atLeast("--history-sample", historySample, 0);
        CheckedOptions.inRange("--user-weight", userFeatureWeight, 0, false, 1);
        if (historySample == 0 && userFeatureWeight == 0) {
            throw new IllegalArgumentException("--history-sample 0 needs --user-weight > 0: a user must be described by"
                    + " its history or its own feature");
        }
        CheckedOptions.atLeast("--max-eval-users", maxEvalUsers, 1);
    }

    ForYouJob.Settings settings(long evalSeed) {
        return new ForYouJob.Settings(factors, iterations, stepSize, regParam, negatives, evalSeed, 0.2, trainingSeed, miniBatchFraction,
                historySample, userFeatureWeight);
    }

    Map<String, String> parameters(long evalSeed) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("factorSize", Integer.toString(factors));
        parameters.put("iterations", Integer.toString(iterations));
        parameters.put("stepSize", Double.toString(stepSize));
        parameters.put("regParam", Double.toString(regParam));
        parameters.put("negatives", Integer.toString(negatives));
        parameters.put("miniBatchFraction", Double.toString(miniBatchFraction));
        parameters.put("historySample", Integer.toString(historySample));
        parameters.put("userFeatureWeight", Double.toString(userFeatureWeight));
        parameters.put("trainingSeed", Long.toString(trainingSeed));
        parameters.put("evalSeed", Long.toString(evalSeed));
        return parameters;
    }
}
