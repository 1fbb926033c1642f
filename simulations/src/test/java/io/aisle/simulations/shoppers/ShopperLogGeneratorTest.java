package io.aisle.simulations.shoppers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShopperLogGeneratorTest {

    private static String generate(long seed) throws IOException {
        StringWriter out = new StringWriter();
        new ShopperLogGenerator(ShopperSimulation.defaults(300, 400, seed)).write(out);
        return out.toString();
    }

    @Test
    void writesTheSameLogForTheSameSeed() throws IOException {
        assertEquals(generate(7), generate(7));
        assertNotEquals(generate(7), generate(8));
    }

    @Test
    void writesUserItemOrderTimestampCategoryLinesInTimeOrderPerUser() throws IOException {
        Map<String, Long> lastTime = new HashMap<>();
        for (String line : generate(7).split("\n")) {
            String[] fields = line.split(",");
            assertEquals(5, fields.length, line);
            assertTrue(fields[0].startsWith("u") && fields[1].startsWith("i") && fields[2].startsWith("o") && fields[4].startsWith("c"), line);
            long time = Long.parseLong(fields[3]);
            assertTrue(time >= lastTime.getOrDefault(fields[0], Long.MIN_VALUE), "time goes backwards for " + fields[0]);
            lastTime.put(fields[0], time);
        }
    }

    @Test
    void givesShoppersDifferentTastesSoPopularityAloneMissesMostPurchases() throws IOException {
        // Share of all purchases that fall on the 10 most popular items: a popularity list of 10 sees only these.
        Map<String, Integer> counts = new HashMap<>();
        Set<String> pairs = new HashSet<>();
        String[] lines = generate(7).split("\n");
        for (String line : lines) {
            String[] fields = line.split(",");
            if (pairs.add(fields[0] + "," + fields[1])) {
                counts.merge(fields[1], 1, Integer::sum);
            }
        }
        int top10 = counts.values().stream().sorted((a, b) -> b - a).limit(10).mapToInt(Integer::intValue).sum();
        assertTrue(top10 < 0.25 * pairs.size(), "top-10 items hold " + top10 + " of " + pairs.size() + " distinct purchases");
    }
}
