package io.aisle.simulations.store;

/**
 * Receipt accuracy of one session against its ground truth.
 *
 * @param precision correct (SKU, quantity) lines over issued lines, over all receipts
 * @param recall correct lines over true lines
 * @param exactReceiptRate shoppers whose receipt equals their true receipt exactly
 * @param reviewRate issued receipts flagged for review
 * @param wrongChargeRate shoppers charged for more units of some SKU than they took
 * @param latencyP50Millis median event time from exit to receipt
 * @param latencyP95Millis 95th percentile of that
 */
public record StoreScore(int shoppers, int receipts, int trueLines, int issuedLines, int correctLines,
                         double precision, double recall, double f1, double exactReceiptRate, double reviewRate,
                         double wrongChargeRate, long latencyP50Millis, long latencyP95Millis) {
}
