package io.aisle.training.cli;

import io.aisle.training.alsobought.AlsoBoughtJob;
import io.aisle.training.alsobought.NeighbourBuilder;
import io.aisle.training.alsobought.SimilarityMeasure;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options of the also-bought job. */
final class AlsoBoughtOptions implements CheckedOptions {

    private static final String AUTO = "auto";
    /** Parameter that says, for {@code --similarity auto}, on which splits the measure was chosen. */
    static final String SIMILARITY_CHOSEN_ON = "similarityChosenOn";

    @Option(names = "--similarity", defaultValue = "ease",
            description = "ease, neighbourhood-ease, damped, confidence or cosine, or auto: the one with the best mean HR@10 on the"
                    + " splits after the reported one, which needs --eval-splits 2 or more (default: ${DEFAULT-VALUE}).")
    String similarity;

    @Option(names = "--top-k", defaultValue = "50", description = "Neighbours kept per item (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--min-support", defaultValue = "2",
            description = "Baskets an item pair must share to be neighbours (default: ${DEFAULT-VALUE}).")
    int minSupport;

    @Option(names = "--ease-lambda", defaultValue = "10",
            description = "EASE L2 penalty, in basket-size-weighted counts (default: ${DEFAULT-VALUE}).")
    double easeLambda;

    @Option(names = "--ease-dropout", defaultValue = "0.67",
            description = "EASE emphasised-denoising dropout rate; 0 is plain EASE (default: ${DEFAULT-VALUE}).")
    double easeDropout;

    @Option(names = "--ease-max-items", defaultValue = "4000",
            description = "Largest catalogue for EASE's dense inverse; larger ones use neighbourhood-ease"
                    + " (default: ${DEFAULT-VALUE}).")
    int easeMaxItems;

    @Option(names = "--ease-neighbours", defaultValue = "" + NeighbourBuilder.Parameters.DEFAULT_EASE_NEIGHBOURS,
            description = "Neighbourhood EASE: the strongest co-occurring partners each item is regressed on"
                    + " (default: ${DEFAULT-VALUE}).")
    int easeNeighbours;

    @Option(names = "--damped-shrink", defaultValue = "20", description = "Damped confidence: added to c(i) (default: ${DEFAULT-VALUE}).")
    double dampedShrink;

    @Option(names = "--damped-alpha", defaultValue = "0.3", description = "Damped confidence: exponent of c(j) (default: ${DEFAULT-VALUE}).")
    double dampedAlpha;

    @Option(names = "--max-basket-size", defaultValue = "100",
            description = "Larger baskets are left out of pair counts (default: ${DEFAULT-VALUE}).")
    int maxBasketSize;

    @Option(names = "--max-eval-baskets", defaultValue = "50000",
            description = "Test baskets evaluated at most (default: ${DEFAULT-VALUE}).")
    int maxEvalBaskets;

    @Option(names = "--eval-splits", defaultValue = "1",
            description = "Seeded splits to evaluate, with seeds --eval-seed, --eval-seed + 1, ...; the report adds their"
                    + " mean, spread and per-split results (default: ${DEFAULT-VALUE}).")
    int evalSplits;

    @Override
    public void check() {
        if (!AUTO.equals(similarity)) {
            measure();
        } else if (evalSplits < 2) {
            throw new IllegalArgumentException("--similarity auto needs --eval-splits 2 or more: the measure is chosen on"
                    + " the splits after the reported one");
        }
        CheckedOptions.atLeast("--top-k", topK, 1);
        CheckedOptions.atLeast("--min-support", minSupport, 1);
        CheckedOptions.inRange("--ease-lambda", easeLambda, 0, true, Double.POSITIVE_INFINITY);
        if (!(easeDropout >= 0 && easeDropout < 1)) {
            throw new IllegalArgumentException("--ease-dropout must be in [0, 1) but was " + easeDropout);
        }
        CheckedOptions.atLeast("--ease-max-items", easeMaxItems, 1);
        CheckedOptions.atLeast("--ease-neighbours", easeNeighbours, 1);
        CheckedOptions.inRange("--damped-shrink", dampedShrink, 0, false, Double.POSITIVE_INFINITY);
        CheckedOptions.inRange("--damped-alpha", dampedAlpha, 0, false, Double.POSITIVE_INFINITY);
        // A basket needs two items to make a pair.
        CheckedOptions.atLeast("--max-basket-size", maxBasketSize, 2);
        CheckedOptions.atLeast("--max-eval-baskets", maxEvalBaskets, 1);
        CheckedOptions.atLeast("--eval-splits", evalSplits, 1);
    }

    /**
     * Refuses what a run that only uses the lists as candidates would ignore: it evaluates one split unless the
     * similarity is to be chosen.
     */
    void checkForCandidates() {
        if (evalSplits != 1 && !AUTO.equals(similarity)) {
            throw new IllegalArgumentException("--eval-splits applies here only with --similarity auto: the also-bought"
                    + " lists are candidates, not reported");
        }
    }

    AlsoBoughtJob.Settings settings(long evalSeed) {
        return settings(evalSeed, evalSplits);
    }

    /**
     * The settings for a run that uses the lists but reports nothing of them: one split, unless the
     * similarity is to be chosen.
     */
    AlsoBoughtJob.Settings settingsForCandidates(long evalSeed) {
        return settings(evalSeed, AUTO.equals(similarity) ? evalSplits : 1);
    }

    private AlsoBoughtJob.Settings settings(long evalSeed, int splits) {
        boolean choose = AUTO.equals(similarity);
        return new AlsoBoughtJob.Settings(choose ? SimilarityMeasure.EASE : measure(),
                new NeighbourBuilder.Parameters(topK, minSupport, dampedShrink, dampedAlpha, easeLambda, easeDropout,
                        easeNeighbours),
                maxBasketSize, easeMaxItems, evalSeed, 0.2, maxEvalBaskets, splits, choose);
    }

    private SimilarityMeasure measure() {
        try {
            return SimilarityMeasure.parse(similarity);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--similarity must be ease, neighbourhood-ease, damped, confidence, cosine"
                    + " or auto but was '"
                    + similarity + "'");
        }
    }

    Map<String, String> parameters(SimilarityMeasure used, long evalSeed) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("similarity", used.label());
        if (AUTO.equals(similarity)) {
            parameters.put(SIMILARITY_CHOSEN_ON, "best mean hr@10 on seeds " + (evalSeed + 1) + "-" + (evalSeed + evalSplits - 1));
        }
        parameters.put("topK", Integer.toString(topK));
        parameters.put("minSupport", Integer.toString(minSupport));
        parameters.put("easeLambda", Double.toString(easeLambda));
        parameters.put("easeDropout", Double.toString(easeDropout));
        if (used == SimilarityMeasure.NEIGHBOURHOOD_EASE) {
            parameters.put("easeNeighbours", Integer.toString(easeNeighbours));
        }
        parameters.put("dampedShrink", Double.toString(dampedShrink));
        parameters.put("dampedAlpha", Double.toString(dampedAlpha));
        parameters.put("maxBasketSize", Integer.toString(maxBasketSize));
        parameters.put("evalSeed", Long.toString(evalSeed));
        return parameters;
    }
}
