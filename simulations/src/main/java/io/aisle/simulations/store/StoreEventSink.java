package io.aisle.simulations.store;

import io.aisle.fusion.reading.ShelfReading;
import io.aisle.vision.observation.ShopperObservation;

/** Receives a simulated session's sensor streams in arrival order, and optionally the true poses. */
public interface StoreEventSink {

    void reading(ShelfReading reading);

    void observation(ShopperObservation observation);

    /** The true pose of a shopper at one observation instant (shelf clock, no noise); ignored by default. */
    default void pose(ShopperPose pose) {
    }
}
