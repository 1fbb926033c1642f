package io.aisle.vision.metrics;

/**
 * Scores of a tracking run.
 *
 * @param truthCount true shopper positions over all frames
 * @param trackCount track positions over all frames
 * @param misses true positions no track matched (CLEAR MOT false negatives)
 * @param falsePositives track positions matching no true position
 * @param idSwitches times a true shopper was matched to a track other than its previous one
 * @param mota 1 - (misses + falsePositives + idSwitches) / truthCount
 * @param idf1 identity F1: 2 IDTP / (truthCount + trackCount) under the best one-to-one mapping
 *     of true identities to tracks over the whole run (Ristani et al. 2016)
 */
public record TrackingScores(int truthCount, int trackCount, int misses, int falsePositives, int idSwitches,
        double mota, double idf1, double idPrecision, double idRecall) {
}
