package io.aisle.training.evaluation;

/** Names of the metrics in reports and manifests. */
public final class Metrics {

    public static final String HIT_RATE_AT_10 = "hr@10";
    public static final String NDCG_AT_10 = "ndcg@10";
    public static final String RECALL_AT_10 = "recall@10";
    public static final int CUTOFF = 10;

    private Metrics() {
    }

    /** Discount of a hit at 0-based {@code rank}: 1 / log2(rank + 2). */
    static double discount(int rank) {
        return 1.0 / (Math.log(rank + 2) / Math.log(2));
    }
}
