package io.aisle.fusion.engine;

/**
 * Counters of one engine since it started (they survive snapshot and restore).
 *
 * @param lateInputs inputs that arrived behind the watermark and were dropped
 * @param duplicateInputs repeated samples (same plate or track, same event time), ignored
 * @param weightEvents settled weight changes explained as picks or put-backs
 * @param unexplainedChanges settled weight changes no product combination explains (leans, foreign objects)
 * @param openHypotheses events whose shopper attribution was left open for later evidence
 * @param resolvedHypotheses open attributions later decided by a put-back
 * @param receiptsIssued receipts issued
 * @param estimatedSkewMillis residual observation-versus-shelf clock skew (see {@code SkewEstimator})
 */
public record FusionStats(long lateInputs, long duplicateInputs, long weightEvents, long unexplainedChanges,
                          long openHypotheses, long resolvedHypotheses, long receiptsIssued, long estimatedSkewMillis) {
}
