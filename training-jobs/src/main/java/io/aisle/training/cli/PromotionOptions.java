package io.aisle.training.cli;

import io.aisle.training.evaluation.PromotionRule;
import picocli.CommandLine.Option;

/** {@code --promote-if-better}: approve the new version only when it beats the approved one on the same split. */
final class PromotionOptions implements CheckedOptions {

    @Option(names = "--promote-if-better", description = "Score the approved version on the new run's held-out split too,"
            + " and approve the new version only when it scores higher (see --min-gain); the report says why.")
    boolean promoteIfBetter;

    @Option(names = "--min-gain", description = "With --promote-if-better: how much higher the new version must score"
            + " (default: 0, any strict gain).")
    Double minGain;

    @Option(names = "--min-cases", description = "With --promote-if-better: held-out cases newer than the approved"
            + " version's data needed to compare at all; with fewer the approved version stays (default: 30).")
    Integer minCases;

    @Override
    public void check() {
        if (minGain != null) {
            if (!promoteIfBetter) {
                throw new IllegalArgumentException("--min-gain applies to --promote-if-better only");
            }
            CheckedOptions.inRange("--min-gain", minGain, 0, false, 1);
        }
        if (minCases != null) {
            if (!promoteIfBetter) {
                throw new IllegalArgumentException("--min-cases applies to --promote-if-better only");
            }
            CheckedOptions.atLeast("--min-cases", minCases, 1);
        }
    }

    /** Refuses {@code --approve} with {@code --promote-if-better}: the two say opposite things. */
    void checkAgainst(CommonOptions common) {
        if (promoteIfBetter && common.approve) {
            throw new IllegalArgumentException("--approve and --promote-if-better exclude each other: --approve approves"
                    + " whatever is trained, --promote-if-better only a version that beats the approved one");
        }
    }

    PromotionRule rule(String candidate, String approved, String metric) {
        return new PromotionRule(candidate, approved, metric, minGain == null ? 0 : minGain, minCases == null ? 30 : minCases);
    }
}
