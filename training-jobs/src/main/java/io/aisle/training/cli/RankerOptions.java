package io.aisle.training.cli;

import io.aisle.training.ranker.RankerJob;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options of the XGBoost re-ranker. */
final class RankerOptions implements CheckedOptions {

    @Option(names = "--candidates", defaultValue = "100", description = "FM candidates re-ranked per user (default: ${DEFAULT-VALUE}).")
    int fmCandidates;

    @Option(names = "--also-bought-candidates", defaultValue = "50",
            description = "Also-bought candidates added per user (default: ${DEFAULT-VALUE}).")
    int alsoBoughtCandidates;

    @Option(names = "--rounds", defaultValue = "100", description = "Boosting rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--max-depth", defaultValue = "6", description = "Tree depth (default: ${DEFAULT-VALUE}).")
    int maxDepth;

    @Option(names = "--eta", defaultValue = "0.1", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double eta;

    @Option(names = "--max-ranker-users", defaultValue = "3000", description = "Users whose candidates train the ranker (default: ${DEFAULT-VALUE}).")
    int maxTrainUsers;

    @Override
    public void check() {
        CheckedOptions.atLeast("--candidates", fmCandidates, 1);
        CheckedOptions.atLeast("--also-bought-candidates", alsoBoughtCandidates, 0);
        CheckedOptions.atLeast("--rounds", rounds, 1);
        CheckedOptions.atLeast("--max-depth", maxDepth, 1);
        CheckedOptions.inRange("--eta", eta, 0, true, 1);
        CheckedOptions.atLeast("--max-ranker-users", maxTrainUsers, 1);
    }

    RankerJob.Settings settings(long seed) {
        return new RankerJob.Settings(fmCandidates, alsoBoughtCandidates, rounds, maxDepth, eta, maxTrainUsers, seed);
    }

    Map<String, String> parameters() {
        return Map.of("candidates", Integer.toString(fmCandidates), "alsoBoughtCandidates", Integer.toString(alsoBoughtCandidates),
                "rounds", Integer.toString(rounds), "maxDepth", Integer.toString(maxDepth), "eta", Double.toString(eta),
                "objective", "rank:ndcg", "features", String.join(",", io.aisle.recommender.ranking.RankingFeatures.NAMES));
    }
}
