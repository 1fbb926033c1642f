package io.aisle.recommender.foryou;

import io.aisle.recommender.catalog.ItemCatalog;
import io.aisle.recommender.scoring.CandidateMask;
import io.aisle.recommender.scoring.TopK;
import java.util.Arrays;

/**
 * Scores every item of a {@link ForYouModel} for one user in O(items x k), with everything that does not
 * depend on the user precomputed at construction.
 *
 * <p>For a user u and an item i with category c and recency r the active features are the user side
 * (u with the model's user-feature weight, and with history features each history item h with value 1/n) and the item side {i, c, r}; the
 * FM's pairwise sum splits into a user part and an item part:
 * <pre>
 * raw(u, i) = a_u + b_i + &lt;s_u, q_i&gt;
 * a_u = w0 + sum of x w over the user side + the pairwise terms within the user side
 * s_u = sum of x v over the user side
 * b_i = w_i + w_c + r w_r + &lt;v_i, v_c&gt; + r &lt;v_i, v_r&gt; + r &lt;v_c, v_r&gt;
 * q_i = v_i + v_c + r v_r
 * </pre>
 * so a user costs one dot product of length k per item. For a catalogue of 100k items and k = 32 that
 * is 3.2M multiply-adds, about a millisecond on one core.
 *
 * <p>Immutable after construction and thread-safe; {@link #scoreAll} writes only into the caller's array.
 */
public final class FactorizationMachineScorer {

    private final ForYouModel model;
    private final int k;
    private final double[] itemBias;
    private final double[] itemVectors;
    /** The item vectors again in single precision: {@link #scoreAll} streams them for every request. */
    private final float[] itemVectorsFloat;
    private final double[] itemPrior;
    /** itemBias + itemPrior: the item's constant part of its ranking score. */
    private final double[] rankingBias;

    public FactorizationMachineScorer(ForYouModel model) {
        this.model = model;
        FactorizationMachine fm = model.machine();
        this.k = fm.factorSize();
        int items = model.catalog().size();
        this.itemBias = new double[items];
        this.itemVectors = new double[items * k];
        this.itemPrior = new double[items];
        this.rankingBias = new double[items];
        this.itemVectorsFloat = new float[items * k];
        int recency = model.recencyFeature();
        for (int i = 0; i < items; i++) {
            int item = model.itemFeature(i);
            int category = model.categoryFeature(i);
            double r = model.recency(i);
            double bias = fm.linear(item) + r * fm.linear(recency);
            double pairs = 0;
            for (int f = 0; f < k; f++) {
                double vi = fm.factor(item, f);
                double vc = category < 0 ? 0 : fm.factor(category, f);
                double vr = fm.factor(recency, f);
                pairs += vi * vc + r * vi * vr + r * vc * vr;
                itemVectors[i * k + f] = vi + vc + r * vr;
                itemVectorsFloat[i * k + f] = (float) itemVectors[i * k + f];
            }
            if (category >= 0) {
                bias += fm.linear(category);
            }
            itemBias[i] = bias + pairs;
            itemPrior[i] = model.rankingPrior(i);
            rankingBias[i] = itemBias[i] + itemPrior[i];
        }
    }

    public ForYouModel model() {
        return model;
    }

    /**
     * The user side of the FM, computed once per request.
     *
     * @param base a_u of the class comment
     * @param vector s_u in single precision, for the catalogue-wide scan
     * @param exactVector s_u
     */
    public record UserPart(double base, float[] vector, double[] exactVector) {
    }

    /** The user side for a user and their history (history is used only by models with history features). */
    public UserPart userPart(ForYouModel.UserContext user) {
        FactorizationMachine fm = model.machine();
        double base = fm.intercept();
        double[] sum = new double[k];
        double squares = 0;
        double weight = model.userFeatureWeight();
        if (user.known() && weight > 0) {
            int feature = model.userFeature(user.user());
            base += weight * fm.linear(feature);
            for (int f = 0; f < k; f++) {
                double v = weight * fm.factor(feature, f);
                sum[f] += v;
                squares += v * v;
            }
        }
        int[] history = model.historyFeatures() ? Arrays.stream(user.history()).distinct().toArray() : new int[0];
        double x = history.length == 0 ? 0 : 1.0 / history.length;
        for (int item : history) {
            int feature = model.historyFeature(item);
            base += x * fm.linear(feature);
            for (int f = 0; f < k; f++) {
                double v = x * fm.factor(feature, f);
                sum[f] += v;
                squares += v * v;
            }
        }
        // Pairwise terms within the user side: half of (|sum|^2 - sum of squares), as in Rendle's O(k n) identity.
        double norm = 0;
        float[] vector = new float[k];
        for (int f = 0; f < k; f++) {
            norm += sum[f] * sum[f];
            vector[f] = (float) sum[f];
        }
        return new UserPart(base + 0.5 * (norm - squares), vector, sum);
    }

    /** A known user with the history the model was trained with. */
    public UserPart userPart(int user) {
        return userPart(model.context(user));
    }

    /**
     * Raw FM scores (log-odds) of every item for the user into {@code out} (length = catalogue size).
     * The catalogue-wide dot products read single-precision item vectors: at 100k items x k = 32 the
     * double vectors are 25.6 MB per request and memory bandwidth, not arithmetic, bounds the scan. Scores
     * differ from {@link #scoreRaw} by about 1e-7 relative, which matters for ranking only on exact ties.
     */
    public void scoreAll(UserPart user, double[] out) {
        float[] vu = user.vector();
        float[] vectors = itemVectorsFloat;
        for (int i = 0, offset = 0; i < out.length; i++, offset += k) {
            out[i] = user.base() + itemBias[i] + dot(vu, vectors, offset);
        }
    }

    /** The user vector times one item's vector, which starts at {@code offset} in {@code vectors}. */
    private float dot(float[] vu, float[] vectors, int offset) {
        // Four independent partial sums, so the adds do not wait on each other.
        float d0 = 0;
        float d1 = 0;
        float d2 = 0;
        float d3 = 0;
        int unrolled = k & ~3;
        int f = 0;
        for (; f < unrolled; f += 4) {
            d0 += vu[f] * vectors[offset + f];
            d1 += vu[f + 1] * vectors[offset + f + 1];
            d2 += vu[f + 2] * vectors[offset + f + 2];
            d3 += vu[f + 3] * vectors[offset + f + 3];
        }
        for (; f < k; f++) {
            d0 += vu[f] * vectors[offset + f];
        }
        return (d0 + d1) + (d2 + d3);
    }

    /** Raw score of one (user, item) pair, from the precomputed terms, in double precision. */
    public double scoreRaw(UserPart user, int item) {
        double[] su = user.exactVector();
        double dot = 0;
        for (int f = 0; f < k; f++) {
            dot += su[f] * itemVectors[item * k + f];
        }
        return user.base() + itemBias[item] + dot;
    }

    /** Raw score of a known user with their training history and one item. */
    public double scoreRaw(int user, int item) {
        return scoreRaw(userPart(user), item);
    }

    /** Ranking score of one pair: raw score plus the item's {@link ForYouModel#rankingPrior}. */
    public double rankingScore(UserPart user, int item) {
        return scoreRaw(user, item) + itemPrior[item];
    }

    /** The best items the mask allows for the user by ranking score (raw + prior), best first, into {@code heap}. */
    public void topK(UserPart user, CandidateMask mask, TopK heap) {
        float[] vu = user.vector();
        double base = user.base();
        float[] vectors = itemVectorsFloat;
        int items = rankingBias.length;
        // One pass: score, then offer only what can enter the heap (most items cannot once it is full).
        for (int i = 0, offset = 0; i < items; i++, offset += k) {
            double score = base + rankingBias[i] + dot(vu, vectors, offset);
            if (score > heap.threshold() && mask.allows(i)) {
                heap.offer(i, score);
            }
        }
    }

    public ItemCatalog catalog() {
        return model.catalog();
    }
}
