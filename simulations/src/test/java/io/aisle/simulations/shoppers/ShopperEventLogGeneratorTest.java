package io.aisle.simulations.shoppers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShopperEventLogGeneratorTest {

    private static final Pattern EVENT = Pattern.compile(
            "\\{\"tenant\":\"acme\",\"user\":\"(u\\d+)\",\"item\":\"(i\\d+)\",\"category\":\"(c\\d+)\",\"type\":\"(view|cart|purchase)\","
                    + "\"ts\":(\\d+)(?:,\"order\":\"(o\\d+)\")?}");

    @TempDir
    Path folder;

    private static final ShopperSimulation SIMULATION = ShopperSimulation.defaults(200, 300, 7);

    private List<String> write(String name) throws IOException {
        Path log = folder.resolve(name);
        new ShopperEventLogGenerator(SIMULATION, ShopperEventLogGenerator.Browsing.defaults(), "acme").write(log);
        List<String> lines = new ArrayList<>();
        try (Stream<Path> days = Files.list(log)) {
            for (Path day : days.sorted().toList()) {
                assertTrue(day.getFileName().toString().matches("dt=\\d{4}-\\d{2}-\\d{2}"), day.toString());
                lines.addAll(Files.readAllLines(day.resolve("part-simulated.jsonl")));
            }
        }
        return lines;
    }

    @Test
    void writesTheSameLogForTheSameSeed() throws IOException {
        assertEquals(write("a"), write("b"));
    }

    @Test
    void holdsTheSamePurchasesAsThePurchaseLog() throws IOException {
        StringWriter csv = new StringWriter();
        new ShopperLogGenerator(SIMULATION).write(csv);
        Set<String> expected = new HashSet<>(csv.toString().lines().map(line -> {
            String[] f = line.split(",");
            return f[0] + "," + f[1] + "," + f[2] + "," + f[3] + "," + f[4];
        }).toList());

        Set<String> purchases = new HashSet<>();
        for (String line : write("log")) {
            Matcher event = EVENT.matcher(line);
            assertTrue(event.matches(), line);
            if (event.group(4).equals("purchase")) {
                purchases.add(event.group(1) + "," + event.group(2) + "," + event.group(6) + "," + event.group(5) + "," + event.group(3));
            }
        }
        assertEquals(expected, purchases);
    }

    @Test
    void viewsAndCartsEveryItemBoughtAndBrowsesMoreThanItBuys() throws IOException {
        Set<String> viewed = new HashSet<>();
        Set<String> carted = new HashSet<>();
        List<String> bought = new ArrayList<>();
        int views = 0;
        for (String line : write("log")) {
            Matcher event = EVENT.matcher(line);
            assertTrue(event.matches(), line);
            String pair = event.group(1) + "," + event.group(2);
            switch (event.group(4)) {
                case "view" -> {
                    viewed.add(pair);
                    views++;
                }
                case "cart" -> carted.add(pair);
                default -> bought.add(pair);
            }
        }
        assertTrue(viewed.containsAll(bought) && carted.containsAll(bought));
        // Each item bought is viewed once, and six more items a visit of four are browsed.
        assertTrue(views > 2 * bought.size(), views + " views, " + bought.size() + " purchases");
    }
}
