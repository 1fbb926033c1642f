package io.aisle.training.alsobought;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.aisle.recommender.alsobought.ItemNeighbours;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NeighbourBuilderTest {

    // Items a, b, c in 10 baskets: a in 6, b in 5, c in 8; a&b together 4, a&c 3, b&c 2.
    private static final CoOccurrence COUNTS = new CoOccurrence(List.of("a", "b", "c"), Arrays.asList(null, null, null),
            new long[] {6, 5, 8}, 10, new int[][] {{1, 2}, {0, 2}, {0, 1}}, new long[][] {{4, 3}, {4, 2}, {3, 2}},
            new double[] {6, 5, 8}, new double[][] {{4, 3}, {4, 2}, {3, 2}});

    private static NeighbourBuilder.Parameters parameters(int minSupport) {
        return new NeighbourBuilder.Parameters(50, minSupport, 0, 0.5, 10, 0, 100);
    }

    @Test
    void scoresConfidenceAsTheShareOfTheSourceItemsBaskets() {
        ItemNeighbours neighbours = NeighbourBuilder.build(COUNTS, SimilarityMeasure.CONFIDENCE, parameters(1));
        assertArrayEquals(new int[] {1, 2}, neighbours.neighbourIndices(0));
        assertArrayEquals(new double[] {4.0 / 6, 3.0 / 6}, neighbours.neighbourScores(0), 1e-12);
    }

    @Test
    void scoresCosineSymmetrically() {
        ItemNeighbours neighbours = NeighbourBuilder.build(COUNTS, SimilarityMeasure.COSINE, parameters(1));
        assertEquals(3 / Math.sqrt(48), neighbours.neighbourScores(0)[1], 1e-12);
        assertEquals(3 / Math.sqrt(48), neighbours.neighbourScores(2)[0], 1e-12);
    }

    @Test
    void dropsPairsBelowTheMinimumSupport() {
        ItemNeighbours neighbours = NeighbourBuilder.build(COUNTS, SimilarityMeasure.CONFIDENCE, parameters(3));
        assertArrayEquals(new int[] {0}, neighbours.neighbourIndices(1));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 0.5, 0.67})
    void easeWeightsSolveTheRegularisedLeastSquaresProblem(double dropout) {
        // For EASE, G B = G - diag(mu) with B's diagonal zero (Steck 2019, eq. 8): check G (I - B) is diagonal,
        // with dropout's emphasis p / (1 - p) times each item's count added to G's diagonal (Steck 2020).
        double lambda = 10;
        double emphasis = dropout / (1 - dropout);
        double[] weights = NeighbourBuilder.easeWeights(COUNTS, lambda, dropout);
        double[][] gram = {{6 * (1 + emphasis) + lambda, 4, 3}, {4, 5 * (1 + emphasis) + lambda, 2},
                {3, 2, 8 * (1 + emphasis) + lambda}};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                if (i == j) {
                    continue;
                }
                double value = gram[i][j];
                for (int m = 0; m < 3; m++) {
                    value -= gram[i][m] * weights[m * 3 + j];
                }
                assertEquals(0, value, 1e-9, "(G (I - B))[" + i + "][" + j + "]");
            }
            assertEquals(0, weights[i * 3 + i]);
        }
    }

    @Test
    void invertsASymmetricPositiveDefiniteMatrix() {
        double[] a = {4, 2, 0.6, 2, 5, 1, 0.6, 1, 3};
        double[] inverse = SymmetricInverse.invert(a, 3);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double value = 0;
                for (int m = 0; m < 3; m++) {
                    value += a[i * 3 + m] * inverse[m * 3 + j];
                }
                assertEquals(i == j ? 1 : 0, value, 1e-12);
            }
        }
    }

    @Test
    void refusesAMatrixThatIsNotPositiveDefinite() {
        assertThrows(IllegalArgumentException.class, () -> SymmetricInverse.invert(new double[] {1, 2, 2, 1}, 2));
    }
}
