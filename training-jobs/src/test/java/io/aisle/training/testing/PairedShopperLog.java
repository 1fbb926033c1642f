package io.aisle.training.testing;

import io.aisle.training.ingest.Interaction;
import io.aisle.training.ingest.JsonLineParser;
import io.aisle.training.ingest.SignalWeights;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A seeded event log, in the server's line format, where views foretell purchases: items come in pairs
 * ({@code a-k}, {@code b-k}); every order holds one pair beside three of many filler items, and every
 * shopper views pairs together on days without an order. Few orders make the purchases alone a noisy
 * witness of the pairs; the many views make them plain.
 */
public final class PairedShopperLog {

    public static final String TENANT = "acme";
    private static final long DAY_MILLIS = 86_400_000L;
    private static final long START_MILLIS = 1_767_225_600_000L;

    private final List<String> purchases = new ArrayList<>();
    private final List<String> views = new ArrayList<>();

    /**
     * @param orders orders written, each a pair and three fillers
     * @param viewSessions view sessions written, each a pair, on a shopper's day of its own
     */
    public PairedShopperLog(long seed, int pairs, int fillers, int shoppers, int orders, int viewSessions) {
        Random random = new Random(seed);
        for (int o = 0; o < orders; o++) {
            String user = "u" + random.nextInt(shoppers);
            long ts = START_MILLIS + o * 1000L;
            int pair = random.nextInt(pairs);
            List<String> items = new ArrayList<>(List.of("a-" + pair, "b-" + pair));
            while (items.size() < 5) {
                String filler = "f-" + random.nextInt(fillers);
                if (!items.contains(filler)) {
                    items.add(filler);
                }
            }
            for (String item : items) {
                purchases.add(line(user, item, "purchase", ts, "o-" + o));
            }
        }
        for (int v = 0; v < viewSessions; v++) {
            String user = "u" + random.nextInt(shoppers);
            // A day after the orders', so a session never shares a basket with an order's views.
            long ts = START_MILLIS + (1 + v) * DAY_MILLIS;
            int pair = random.nextInt(pairs);
            views.add(line(user, "a-" + pair, "view", ts, null));
            views.add(line(user, "b-" + pair, "view", ts + 1000, null));
        }
    }

    private static String line(String user, String item, String type, long ts, String order) {
        return "{\"tenant\":\"" + TENANT + "\",\"user\":\"" + user + "\",\"item\":\"" + item + "\",\"type\":\"" + type
                + "\",\"ts\":" + ts + (order == null ? "" : ",\"order\":\"" + order + "\"") + "}";
    }

    /** Every line: the purchases, then the views. */
    public List<String> lines() {
        List<String> all = new ArrayList<>(purchases);
        all.addAll(views);
        return all;
    }

    public List<String> purchaseLines() {
        return List.copyOf(purchases);
    }

    /** The lines' interactions as training reads them with these weights. */
    public static List<Interaction> interactions(List<String> lines, SignalWeights weights) {
        JsonLineParser parser = new JsonLineParser(TENANT, Set.of("view", "cart", "purchase"), weights);
        List<Interaction> out = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            out.addAll(parser.parse(n + 1, lines.get(n)).interactions());
        }
        return out;
    }
}
