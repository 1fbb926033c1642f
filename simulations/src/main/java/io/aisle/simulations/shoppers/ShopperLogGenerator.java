package io.aisle.simulations.shoppers;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a shopper log, one purchase per line: {@code user,item,order,timestamp,category} (header-less
 * CSV, epoch milliseconds), which {@code ./aisle train for-you --interactions FILE} reads with its
 * default {@code --columns}.
 *
 * <p>The model: each category has a centre in a latent taste space and each item sits near its
 * category's centre; each shopper likes one to three categories. A shopper picks item {@code i} with
 * probability proportional to {@code pop_i * exp(tasteWeight * <u, v_i>)} where {@code pop_i} follows a
 * Zipf law over a random item order. With the default taste weight, taste moves choices far more than
 * popularity does, so popularity alone recovers little of a shopper's future purchases. A share of
 * basket slots re-buys earlier purchases (staples), and visits are spread over the period in time order.
 *
 * <p>Deterministic: the same parameters and seed write the same bytes.
 */
public final class ShopperLogGenerator {

    private final ShopperSimulation simulation;

    public ShopperLogGenerator(ShopperSimulation simulation) {
        this.simulation = simulation;
    }

    /**
     * One visit of a shopper, handed over while the shopper's choice weights are current.
     *
     * @param basket distinct items bought, in the order chosen
     * @param choice the shopper's choice model: draws an item by the shopper's taste and popularity
     */
    interface VisitListener {
        void visit(String user, long order, long timeMillis, List<Integer> basket, int[] itemCategory,
                   java.util.function.ToIntFunction<SplittableRandom> choice) throws IOException;
    }

    /** Writes the log and returns the number of lines written. */
    public long write(Writer out) throws IOException {
        long[] lines = {0};
        StringBuilder line = new StringBuilder(64);
        simulate((userId, order, visitTime, basket, itemCategory, choice) -> {
            long time = visitTime;
            for (int item : basket) {
                line.setLength(0);
                line.append(userId).append(",i").append(item).append(",o").append(order).append(',')
                        .append(time).append(",c").append(itemCategory[item]).append('\n');
                out.write(line.toString());
                lines[0]++;
                time += 1000;
            }
        });
        out.flush();
        return lines[0];
    }

    /** Runs the simulation, handing every visit in shopper and time order to {@code listener}. */
    void simulate(VisitListener listener) throws IOException {
        ShopperSimulation s = simulation;
        SplittableRandom random = new SplittableRandom(s.seed());
        int k = s.factors();
        double[][] centres = new double[s.categories()][];
        for (int c = 0; c < s.categories(); c++) {
            centres[c] = gaussian(random, k, 1.0);
        }
        int[] itemCategory = new int[s.items()];
        double[] itemVectors = new double[s.items() * k];
        double[] logPopularity = new double[s.items()];
        int[] popularityRank = shuffledRange(s.items(), random);
        for (int i = 0; i < s.items(); i++) {
            itemCategory[i] = random.nextInt(s.categories());
            double[] noise = gaussian(random, k, 0.5);
            for (int f = 0; f < k; f++) {
                itemVectors[i * k + f] = centres[itemCategory[i]][f] + noise[f];
            }
            logPopularity[i] = -s.zipfExponent() * Math.log(popularityRank[i] + 1.0);
        }
        long periodMillis = s.days() * 86_400_000L;
        long start = s.endEpochMillis() - periodMillis;
        double[] weights = new double[s.items()];
        double[] cumulative = new double[s.items()];
        long order = 0;
        for (int user = 0; user < s.users(); user++) {
            double[] taste = taste(random, centres, k);
            double norm = 0;
            for (int i = 0; i < s.items(); i++) {
                double dot = 0;
                for (int f = 0; f < k; f++) {
                    dot += taste[f] * itemVectors[i * k + f];
                }
                weights[i] = dot;
            }
            // Normalise the taste scores per user so tasteWeight means the same for every user.
            double max = Arrays.stream(weights).max().orElse(0);
            for (int i = 0; i < s.items(); i++) {
                norm += Math.exp(s.tasteWeight() * (weights[i] - max) / Math.sqrt(k) + logPopularity[i]);
                cumulative[i] = norm;
            }
            double total = norm;
            java.util.function.ToIntFunction<SplittableRandom> choice = other -> draw(cumulative, total, other);
            int visits = 1 + (int) Math.floor(-Math.log(1 - random.nextDouble()) * (s.meanVisits() - 1));
            long[] times = new long[visits];
            for (int v = 0; v < visits; v++) {
                times[v] = start + (long) (random.nextDouble() * periodMillis);
            }
            Arrays.sort(times);
            List<Integer> bought = new ArrayList<>();
            String userId = "u" + user;
            for (int v = 0; v < visits; v++) {
                order++;
                int size = 1 + poisson(random, s.meanBasketItems() - 1);
                java.util.Set<Integer> basket = new java.util.LinkedHashSet<>();
                for (int slot = 0; slot < size; slot++) {
                    int item = !bought.isEmpty() && random.nextDouble() < s.repeatShare()
                            ? bought.get(random.nextInt(bought.size()))
                            : draw(cumulative, norm, random);
                    basket.add(item);
                }
                bought.addAll(basket);
                listener.visit(userId, order, times[v], List.copyOf(basket), itemCategory, choice);
            }
        }
    }

    private static double[] taste(SplittableRandom random, double[][] centres, int k) {
        int liked = 1 + random.nextInt(3);
        double[] taste = gaussian(random, k, 0.3);
        for (int l = 0; l < liked; l++) {
            double[] centre = centres[random.nextInt(centres.length)];
            for (int f = 0; f < k; f++) {
                taste[f] += centre[f] / liked;
            }
        }
        return taste;
    }

    static int draw(double[] cumulative, double total, SplittableRandom random) {
        double target = random.nextDouble() * total;
        int index = Arrays.binarySearch(cumulative, target);
        return Math.min(cumulative.length - 1, index >= 0 ? index : -index - 1);
    }

    static int poisson(SplittableRandom random, double mean) {
        // Knuth's multiplication method; means here are small (a few items per basket).
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }

    private static double[] gaussian(SplittableRandom random, int k, double scale) {
        double[] vector = new double[k];
        for (int f = 0; f < k; f++) {
            double u1 = 1 - random.nextDouble();
            double u2 = random.nextDouble();
            vector[f] = scale * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        }
        return vector;
    }

    static int[] shuffledRange(int n, SplittableRandom random) {
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
        return values;
    }
}
