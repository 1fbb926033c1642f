package io.aisle.recommender.foryou;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aisle.recommender.scoring.CandidateMask;
import io.aisle.recommender.scoring.ItemFilter;
import io.aisle.recommender.scoring.TopK;
import io.aisle.recommender.testing.RandomModels;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FactorizationMachineScorerTest {

    @Test
    void topKIsTheBestItemsByExactRankingScore() {
        ForYouModel model = RandomModels.forYou(1_003, 8, new int[][] {{0, 4}, {}, {7, 8, 9}}, 5);
        FactorizationMachineScorer scorer = new FactorizationMachineScorer(model);
        for (int u = 0; u < model.users().size(); u++) {
            FactorizationMachineScorer.UserPart part = scorer.userPart(u);
            CandidateMask mask = new CandidateMask(model.catalog(), ItemFilter.NONE.withExcludedItems(Set.of("i1", "i2")), model.history(u));
            TopK top = new TopK(25);
            scorer.topK(part, mask, top);
            int[] expected = IntStream.range(0, model.catalog().size()).filter(mask::allows).boxed()
                    .sorted(Comparator.comparingDouble((Integer i) -> -scorer.rankingScore(part, i)))
                    .limit(25).mapToInt(Integer::intValue).toArray();
            assertArrayEquals(expected, top.drainIndices(), "user " + u);
        }
    }

    @Test
    void scoreAllMatchesTheExactScoreOfEveryItem() {
        ForYouModel model = RandomModels.forYou(517, 6, new int[][] {{0, 4}, {}, {7, 8, 9}}, 9);
        FactorizationMachineScorer scorer = new FactorizationMachineScorer(model);
        FactorizationMachineScorer.UserPart part = scorer.userPart(new ForYouModel.UserContext(-1, new int[] {3, 30, 300}));
        double[] all = new double[model.catalog().size()];
        scorer.scoreAll(part, all);
        for (int i = 0; i < all.length; i++) {
            ForYouModel.SparseInput input = model.input(new ForYouModel.UserContext(-1, new int[] {3, 30, 300}), i);
            assertEquals(model.machine().predictRaw(input.indices(), input.values()), all[i], 1e-5, "item " + i);
        }
    }
}
