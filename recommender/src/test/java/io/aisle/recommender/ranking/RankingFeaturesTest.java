package io.aisle.recommender.ranking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.aisle.recommender.alsobought.ItemNeighbours;
import io.aisle.recommender.catalog.ItemCatalog;
import io.aisle.recommender.foryou.ForYouModel;
import io.aisle.recommender.testing.Catalogs;
import io.aisle.recommender.testing.RandomModels;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RankingFeaturesTest {

    @Test
    void featuresDescribeTheCandidatesAgainstTheHistory() {
        // i0, i1, i2 ... in categories c0, c1, c2 by index modulo 3.
        ForYouModel model = RandomModels.forYou(9, 2, new int[][] {{0, 3}}, 1);
        // The also-bought model has its own catalogue order and an item the FM does not know.
        ItemCatalog other = Catalogs.of("i3:c0:5", "x:c0:1", "i0:c0:9", "i4:c1:2", "i6:c0:3");
        ItemNeighbours neighbours = new ItemNeighbours(other, "test",
                new int[][] {{3, 4}, {3}, {3, 1}, {}, {}}, new double[][] {{0.5, 0.25}, {9}, {0.125, 7}, {}, {}});
        int[] history = {0, 3};
        int[] candidates = {4, 6, 5};

        float[] features = RankingFeatures.compute(model, Optional.of(neighbours), history, candidates, new double[] {1.5, -2, 0});

        int n = RankingFeatures.COUNT;
        assertEquals(1.5f, features[0]);
        assertEquals(-2f, features[n]);
        // i4 is a neighbour of i3 (0.5) and of i0 (0.125); i6 only of i3 (0.25); i5 of neither.
        assertEquals(0.625f, features[1]);
        assertEquals(0.25f, features[n + 1]);
        assertEquals(0f, features[2 * n + 1]);
        // Both history items are in c0: affinity 1 for i6 (c0), 0 for i4 (c1) and i5 (c2).
        assertEquals(0f, features[3]);
        assertEquals(1f, features[n + 3]);
        assertEquals(0f, features[2 * n + 3]);
        assertEquals((float) Math.log1p(model.catalog().count(4)), features[2]);
        assertEquals((float) model.recency(6), features[n + 4]);
    }

    @Test
    void neighboursMapAnotherCatalogueOnceAndAgainForANewOne() {
        ForYouModel model = RandomModels.forYou(9, 2, new int[][] {{0, 3}}, 1);
        ItemCatalog other = Catalogs.of("i3:c0:5", "x:c0:1", "i0:c0:9");
        ItemNeighbours neighbours = new ItemNeighbours(other, "test", new int[][] {{}, {}, {}}, new double[][] {{}, {}, {}});

        int[] fromModel = neighbours.indicesOf(model.catalog());

        assertArrayEquals(new int[] {2, -1, -1, 0, -1, -1, -1, -1, -1}, fromModel);
        assertSame(fromModel, neighbours.indicesOf(model.catalog()));
        assertArrayEquals(new int[] {0, 1, 2}, neighbours.indicesOf(other));
        assertArrayEquals(fromModel, neighbours.indicesOf(model.catalog()));
    }
}
