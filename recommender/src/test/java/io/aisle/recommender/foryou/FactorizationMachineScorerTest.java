package io.aisle.recommender.foryou;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aisle.recommender.catalog.ItemCatalog;
import io.aisle.recommender.scoring.CandidateMask;
import io.aisle.recommender.scoring.ItemFilter;
import io.aisle.recommender.scoring.TopK;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FactorizationMachineScorerTest {

    /** A seeded random model with history features over {@code items} items in three categories. */
    private static ForYouModel randomModel(int items, int factors, long seed) {
        Random random = new Random(seed);
        List<String> ids = new ArrayList<>();
        List<String> itemCategories = new ArrayList<>();
        long[] counts = new long[items];
        int[] categoryIndex = new int[items];
        for (int i = 0; i < items; i++) {
            ids.add("i" + i);
            categoryIndex[i] = i % 3;
            itemCategories.add("c" + categoryIndex[i]);
            counts[i] = 1 + random.nextInt(500);
        }
        List<String> users = List.of("u0", "u1", "u2");
        int features = ForYouModel.featureCount(users.size(), items, 3, true);
        FactorizationMachine fm = new FactorizationMachine(features, factors, 0.2,
                random.doubles(features, -1, 1).toArray(), random.doubles((long) features * factors, -0.5, 0.5).toArray());
        return new ForYouModel(fm, users, new ItemCatalog(ids, itemCategories, counts), List.of("c0", "c1", "c2"),
                categoryIndex, random.doubles(items, 0, 1).toArray(), new int[][] {{0, 4}, {}, {7, 8, 9}}, 0.75, true, 0.5);
    }

    @Test
    void topKIsTheBestItemsByExactRankingScore() {
        ForYouModel model = randomModel(1_003, 8, 5);
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
        ForYouModel model = randomModel(517, 6, 9);
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
