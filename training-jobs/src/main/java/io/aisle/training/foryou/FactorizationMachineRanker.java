package io.aisle.training.foryou;

import io.aisle.recommender.foryou.FactorizationMachineScorer;
import io.aisle.recommender.scoring.CandidateMask;
import io.aisle.recommender.scoring.ItemFilter;
import io.aisle.recommender.scoring.TopK;
import io.aisle.training.evaluation.UserEvaluation;

/** Evaluates the exported plain-Java FM scorer: all items not in the user's history, best raw score first. */
public final class FactorizationMachineRanker implements UserEvaluation.UserRanker {

    private final FactorizationMachineScorer scorer;

    public FactorizationMachineRanker(FactorizationMachineScorer scorer) {
        this.scorer = scorer;
    }

    @Override
    public int[] rank(int user, int[] history, int k) {
        TopK top = new TopK(k);
        scorer.topK(scorer.userPart(user), new CandidateMask(scorer.catalog(), ItemFilter.NONE, history), top);
        return top.drainIndices();
    }
}
