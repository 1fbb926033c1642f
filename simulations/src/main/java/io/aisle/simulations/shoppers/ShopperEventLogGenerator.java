package io.aisle.simulations.shoppers;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Writes the shoppers of a {@link ShopperSimulation} as the server's interaction log,
 * {@code DIR/dt=YYYY-MM-DD/part-simulated.jsonl}, one JSON event per line: the same purchases as
 * {@link ShopperLogGenerator} (with their order), and around them the browsing that precedes them.
 *
 * <p>On each visit the shopper views every item bought, plus {@code browsedItems} more (Poisson mean) drawn
 * from the shopper's own choice model, so views foretell purchases as real browsing does; a share
 * {@code noiseViews} of those extra views are of items drawn uniformly (clicks that say nothing). Every item
 * bought is carted first, and each extra viewed item is carted and left with probability {@code abandonedCarts}.
 * Views and carts carry no order, so training groups them per shopper and day.
 *
 * <p>Deterministic: the browsing draws from a random stream of its own, so the purchases equal those of
 * {@link ShopperLogGenerator} for the same simulation byte for byte, and the same settings write the same log.
 */
public final class ShopperEventLogGenerator {

    /**
     * @param browsedItems mean extra items viewed per visit
     * @param noiseViews share of the extra views that are of a uniformly drawn item, in [0, 1]
     * @param abandonedCarts chance that an extra viewed item is carted and not bought, in [0, 1]
     */
    public record Browsing(double browsedItems, double noiseViews, double abandonedCarts) {

        public Browsing {
            if (!(browsedItems >= 0)) {
                throw new IllegalArgumentException("browsedItems must be >= 0 but was " + browsedItems);
            }
            if (!(noiseViews >= 0 && noiseViews <= 1)) {
                throw new IllegalArgumentException("noiseViews must be in [0, 1] but was " + noiseViews);
            }
            if (!(abandonedCarts >= 0 && abandonedCarts <= 1)) {
                throw new IllegalArgumentException("abandonedCarts must be in [0, 1] but was " + abandonedCarts);
            }
        }

        /** Six extra views a visit, a third of them noise, one in six carted and left. */
        public static Browsing defaults() {
            return new Browsing(6, 1.0 / 3, 1.0 / 6);
        }
    }

    /** Browsing precedes the purchase by up to this much. */
    private static final long BROWSING_MILLIS = 20 * 60_000L;

    private final ShopperSimulation simulation;
    private final Browsing browsing;
    private final String tenant;

    public ShopperEventLogGenerator(ShopperSimulation simulation, Browsing browsing, String tenant) {
        this.simulation = simulation;
        this.browsing = browsing;
        this.tenant = tenant;
    }

    /** The number of events of each type written. */
    public record Written(long views, long carts, long purchases) {
    }

    /** Writes the log into {@code folder} (created when missing; day files there are replaced). */
    public Written write(Path folder) throws IOException {
        Map<LocalDate, Writer> days = new TreeMap<>();
        long[] counts = new long[3];
        SplittableRandom random = new SplittableRandom(simulation.seed() * 0x9E3779B97F4A7C15L + 1);
        int items = simulation.items();
        try {
            new ShopperLogGenerator(simulation).simulate((user, order, visitTime, basket, itemCategory, choice) -> {
                Set<Integer> browsed = new LinkedHashSet<>();
                int extra = ShopperLogGenerator.poisson(random, browsing.browsedItems());
                for (int e = 0; e < extra; e++) {
                    browsed.add(random.nextDouble() < browsing.noiseViews() ? random.nextInt(items) : choice.applyAsInt(random));
                }
                browsed.removeAll(basket);
                Writer out = day(folder, days, visitTime);
                long time = visitTime - BROWSING_MILLIS;
                for (int item : browsed) {
                    time += 1000;
                    write(out, user, item, itemCategory, "view", time, -1);
                    counts[0]++;
                    if (random.nextDouble() < browsing.abandonedCarts()) {
                        write(out, user, item, itemCategory, "cart", time + 500, -1);
                        counts[1]++;
                    }
                }
                long purchaseTime = visitTime;
                for (int item : basket) {
                    time += 1000;
                    write(out, user, item, itemCategory, "view", time, -1);
                    write(out, user, item, itemCategory, "cart", time + 500, -1);
                    write(out, user, item, itemCategory, "purchase", purchaseTime, order);
                    counts[0]++;
                    counts[1]++;
                    counts[2]++;
                    purchaseTime += 1000;
                }
            });
        } finally {
            for (Writer writer : days.values()) {
                writer.close();
            }
        }
        return new Written(counts[0], counts[1], counts[2]);
    }

    private void write(Writer out, String user, int item, int[] itemCategory, String type, long time, long order)
            throws IOException {
        StringBuilder line = new StringBuilder(128).append("{\"tenant\":\"").append(tenant).append("\",\"user\":\"")
                .append(user).append("\",\"item\":\"i").append(item).append("\",\"category\":\"c")
                .append(itemCategory[item]).append("\",\"type\":\"").append(type).append("\",\"ts\":").append(time);
        if (order >= 0) {
            line.append(",\"order\":\"o").append(order).append('"');
        }
        out.write(line.append("}\n").toString());
    }

    private static Writer day(Path folder, Map<LocalDate, Writer> days, long timeMillis) {
        LocalDate day = Instant.ofEpochMilli(timeMillis).atZone(ZoneOffset.UTC).toLocalDate();
        return days.computeIfAbsent(day, d -> {
            try {
                Path dayFolder = Files.createDirectories(folder.resolve("dt=" + d));
                return new BufferedWriter(Files.newBufferedWriter(dayFolder.resolve("part-simulated.jsonl"),
                        StandardCharsets.UTF_8), 1 << 16);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the day folder of " + d + " under " + folder, e);
            }
        });
    }
}
