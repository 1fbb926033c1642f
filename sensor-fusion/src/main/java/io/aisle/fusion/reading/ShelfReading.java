package io.aisle.fusion.reading;

import java.io.Serializable;
import java.util.Objects;

/**
 * One load-cell sample (about 60 Hz per plate). The value is the absolute reading, tare
 * included: load cells are never zeroed, so only differences carry meaning.
 *
 * @param plateId the plate of the store layout the load cell sits under
 * @param timestampMillis event time, epoch milliseconds, on the shelf clock
 * @param grams the absolute load-cell value
 */
public record ShelfReading(String plateId, long timestampMillis, double grams) implements Serializable {

    public ShelfReading {
        Objects.requireNonNull(plateId, "plateId");
        if (!Double.isFinite(grams)) {
            throw new IllegalArgumentException("grams must be finite but was " + grams);
        }
    }
}
