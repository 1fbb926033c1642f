package io.aisle.recommender.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TopKTest {

    @Test
    void keepsTheKHighestScoresBestFirst() {
        TopK top = new TopK(3);
        double[] scores = {0.5, 2.0, -1.0, 3.0, 1.0, 2.5};
        for (int i = 0; i < scores.length; i++) {
            top.offer(i, scores[i]);
        }
        assertArrayEquals(new int[] {3, 5, 1}, top.drainIndices());
    }

    @Test
    void breaksTiesTowardsTheLowerIndex() {
        TopK top = new TopK(2);
        top.offer(7, 1.0);
        top.offer(2, 1.0);
        top.offer(5, 1.0);
        assertArrayEquals(new int[] {2, 5}, top.drainIndices());
    }

    @Test
    void agreesWithAFullSortOnRandomScores() {
        Random random = new Random(42);
        double[] scores = random.doubles(10_000).toArray();
        TopK top = new TopK(10);
        for (int i = 0; i < scores.length; i++) {
            top.offer(i, scores[i]);
        }
        int[] expected = IntStream.range(0, scores.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -scores[i])).limit(10)
                .mapToInt(Integer::intValue).toArray();
        assertArrayEquals(expected, top.drainIndices());
    }

    @Test
    void returnsFewerThanKWhenFewerWereOffered() {
        TopK top = new TopK(5);
        top.offer(1, 0.1);
        assertArrayEquals(new int[] {1}, top.drainIndices());
        assertArrayEquals(new int[0], Arrays.copyOf(top.drainIndices(), 0));
    }
}
