package io.aisle.fusion.engine;

/**
 * Tuning of the fusion engine. {@link #defaults()} suits 60 Hz load cells with a few grams of
 * noise and 15 Hz observations with a few centimetres of wrist error.
 *
 * @param allowedLatenessMillis how late (behind the newest input) an input may arrive and still count
 * @param observationSkewMillis how far the observation clock runs ahead of the shelf clock; removed on input
 * @param expectedNoiseGrams initial load-cell noise estimate (one sample's standard deviation)
 * @param minChangeGrams settled changes smaller than this are touches
 * @param windowSamples quiet samples that close a weight change
 * @param maxUnitsPerEvent the most units one weight change can move
 * @param extraUnitPrior prior odds of each additional unit in one grab
 * @param maxZScore a weight change further than this from every explanation is unexplained
 * @param reachDistanceMeters distance scale of the wrist-to-plate likelihood
 * @param reachTimeMillis time scale of the wrist-to-plate likelihood outside the change window
 * @param decisiveOdds attribution odds at or above which an event is decided rather than kept open
 * @param reviewConfidence a receipt line below this confidence flags the visit for review
 * @param maxReceiptWaitMillis longest wait after exit for a pending event before the receipt is issued anyway
 */
public record FusionSettings(long allowedLatenessMillis, long observationSkewMillis, double expectedNoiseGrams,
                             double minChangeGrams, int windowSamples, int maxUnitsPerEvent, double extraUnitPrior,
                             double maxZScore, double reachDistanceMeters, double reachTimeMillis,
                             double decisiveOdds, double reviewConfidence, long maxReceiptWaitMillis) {

    public FusionSettings {
        if (allowedLatenessMillis < 0) {
            throw new IllegalArgumentException("allowedLatenessMillis must be >= 0 but was " + allowedLatenessMillis);
        }
        if (!(expectedNoiseGrams > 0)) {
            throw new IllegalArgumentException("expectedNoiseGrams must be > 0 but was " + expectedNoiseGrams);
        }
        if (!(decisiveOdds > 0.5 && decisiveOdds <= 1)) {
            throw new IllegalArgumentException("decisiveOdds must be in (0.5, 1] but was " + decisiveOdds);
        }
    }

    public static FusionSettings defaults() {
        return new FusionSettings(250, 0, 2.0, 20.0, 12, 4, 0.25, 5.0, 0.07, 250, 0.8, 0.7, 15_000);
    }

    public FusionSettings withObservationSkewMillis(long skewMillis) {
        return new FusionSettings(allowedLatenessMillis, skewMillis, expectedNoiseGrams, minChangeGrams, windowSamples,
                maxUnitsPerEvent, extraUnitPrior, maxZScore, reachDistanceMeters, reachTimeMillis, decisiveOdds,
                reviewConfidence, maxReceiptWaitMillis);
    }

    public FusionSettings withExpectedNoiseGrams(double noiseGrams) {
        return new FusionSettings(allowedLatenessMillis, observationSkewMillis, noiseGrams, minChangeGrams, windowSamples,
                maxUnitsPerEvent, extraUnitPrior, maxZScore, reachDistanceMeters, reachTimeMillis, decisiveOdds,
                reviewConfidence, maxReceiptWaitMillis);
    }

    public FusionSettings withAllowedLatenessMillis(long latenessMillis) {
        return new FusionSettings(latenessMillis, observationSkewMillis, expectedNoiseGrams, minChangeGrams, windowSamples,
                maxUnitsPerEvent, extraUnitPrior, maxZScore, reachDistanceMeters, reachTimeMillis, decisiveOdds,
                reviewConfidence, maxReceiptWaitMillis);
    }
}
