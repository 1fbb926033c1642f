package io.aisle.simulations.shoppers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BasketFileGeneratorTest {

    private static String baskets(long seed) throws IOException {
        StringWriter out = new StringWriter();
        new BasketFileGenerator(BasketSimulation.defaults(2000, 5000, seed)).write(out);
        return out.toString();
    }

    @Test
    void writesTheSameBasketsForTheSameSeed() throws IOException {
        assertEquals(baskets(7), baskets(7));
        assertNotEquals(baskets(7), baskets(8));
    }

    @Test
    void writesOneBasketPerLineOfDistinctItemIds() throws IOException {
        String[] lines = baskets(7).split("\n");
        assertEquals(5000, lines.length);
        long items = 0;
        for (String line : lines) {
            List<String> basket = Arrays.asList(line.split(","));
            assertEquals(basket.size(), new HashSet<>(basket).size(), line);
            basket.forEach(id -> assertTrue(id.matches("i\\d{6}"), id));
            items += basket.size();
        }
        double mean = (double) items / lines.length;
        assertTrue(mean > 3.5 && mean < 5.5, "mean basket size " + mean);
    }

    @Test
    void concentratesPurchasesOnAFewItemsAndLeavesALongTail() throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        for (String line : baskets(7).split("\n")) {
            for (String id : line.split(",")) {
                counts.merge(id, 1, Integer::sum);
            }
        }
        int[] sorted = counts.values().stream().mapToInt(Integer::intValue).sorted().toArray();
        long total = Arrays.stream(sorted).sum();
        long top = 0;
        for (int i = sorted.length - 20; i < sorted.length; i++) {
            top += sorted[i];
        }
        // The top 1% of the catalogue (20 of 2,000 items) sells a fifth or more; most items sell under 5.
        assertTrue(top >= total / 5, top + " of " + total);
        long rare = Arrays.stream(sorted).filter(c -> c < 5).count() + (2000 - sorted.length);
        assertTrue(rare > 1000, rare + " items sold fewer than 5 times");
    }

    @Test
    void makesPairsCoOccurFarMoreOftenThanPopularityExplains() throws IOException {
        // Independent draws by popularity would put a and b together about c(a) c(b) / baskets times.
        Map<String, Integer> counts = new HashMap<>();
        Map<String, Integer> pairs = new HashMap<>();
        String[] lines = baskets(7).split("\n");
        for (String line : lines) {
            String[] basket = line.split(",");
            for (String id : basket) {
                counts.merge(id, 1, Integer::sum);
            }
            for (int a = 0; a < basket.length; a++) {
                for (int b = a + 1; b < basket.length; b++) {
                    String key = basket[a].compareTo(basket[b]) < 0 ? basket[a] + " " + basket[b] : basket[b] + " " + basket[a];
                    pairs.merge(key, 1, Integer::sum);
                }
            }
        }
        Set<String> strong = new HashSet<>();
        pairs.forEach((key, together) -> {
            String[] ids = key.split(" ");
            double expected = (double) counts.get(ids[0]) * counts.get(ids[1]) / lines.length;
            if (together >= 5 && together > 5 * expected) {
                strong.add(key);
            }
        });
        assertTrue(strong.size() > 100, strong.size() + " pairs co-occur five times more often than by chance");
    }
}
