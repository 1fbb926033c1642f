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
 * <p>Immutable after construction and thread-safe: a scan writes into a per-thread buffer and the caller's arrays.
 */
public final class FactorizationMachineScorer {

    private final ForYouModel model;
    private final int k;
    private final double[] itemBias;
    private final double[] itemVectors;
    /**
     * The item vectors again, in single precision and by factor: {@code itemColumns[f][i]} is factor f of
     * item i. A scan of the catalogue then adds one factor of every item at a time, a loop over items
     * without a reduction, which the JIT turns into vector instructions (the dot product per item, a
     * reduction over 32 factors, it does not); at 100k items x k = 32 the floats are 12.8 MB per request,
     * half of the doubles, and memory bandwidth bounds the scan.
     */
    private final float[][] itemColumns;
    /** Per thread, the catalogue's partial scores of the scan in progress (400 KB at 100k items). */
    private final ThreadLocal<float[]> partialScores;
    private final double[] itemPrior;
    /** itemBias + itemPrior, the item's constant part of its ranking score, in single precision: the scan starts from it. */
    private final float[] rankingBiasFloat;

    public FactorizationMachineScorer(ForYouModel model) {
        this.model = model;
        FactorizationMachine fm = model.machine();
        this.k = fm.factorSize();
        int items = model.catalog().size();
        this.itemBias = new double[items];
        this.itemVectors = new double[items * k];
        this.itemPrior = new double[items];
        this.rankingBiasFloat = new float[items];
        this.itemColumns = new float[k][items];
        this.partialScores = ThreadLocal.withInitial(() -> new float[items]);
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
                itemColumns[f][i] = (float) itemVectors[i * k + f];
            }
            if (category >= 0) {
                bias += fm.linear(category);
            }
            itemBias[i] = bias + pairs;
            itemPrior[i] = model.rankingPrior(i);
            rankingBiasFloat[i] = (float) (itemBias[i] + itemPrior[i]);
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
        float[] dots = dots(user.vector(), null);
        for (int i = 0; i < out.length; i++) {
            out[i] = user.base() + itemBias[i] + dots[i];
        }
    }

    /**
     * {@code start[i]} (0 when null) plus the user vector times every item vector, into this thread's
     * buffer, valid until the thread's next call.
     */
    private float[] dots(float[] vu, float[] start) {
        float[] dots = partialScores.get();
        float[] first = itemColumns[0];
        float u0 = vu[0];
        if (start == null) {
            for (int i = 0; i < dots.length; i++) {
                dots[i] = u0 * first[i];
            }
        } else {
            for (int i = 0; i < dots.length; i++) {
                dots[i] = start[i] + u0 * first[i];
            }
        }
        for (int f = 1; f < k; f++) {
            float uf = vu[f];
            float[] column = itemColumns[f];
            for (int i = 0; i < dots.length; i++) {
                dots[i] += uf * column[i];
            }
        }
        return dots;
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
        double base = user.base();
        float[] scores = dots(user.vector(), rankingBiasFloat);
        // Offer only what can enter the heap: once it is full, most items cannot, and a float compare
        // against the heap's bar (less the user's constant) rules them out.
        float bar = (float) (heap.threshold() - base);
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] > bar && mask.allows(i)) {
                heap.offer(i, base + scores[i]);
                bar = (float) (heap.threshold() - base);
            }
        }
    }

    public ItemCatalog catalog() {
        return model.catalog();
    }
}
