package io.aisle.simulations.store;

import io.aisle.fusion.account.EntryEvent;
import io.aisle.fusion.reading.ShelfReading;
import io.aisle.vision.observation.ShopperObservation;

/** Receives a simulated session's sensor streams in arrival order, and optionally the true poses. */
public interface StoreEventSink {

    void reading(ShelfReading reading);

    void observation(ShopperObservation observation);

    /** A gate's report that a shopper scanned in (camera clock); ignored by default. */
    default void entry(EntryEvent entry) {
    }

    /** The true pose of a shopper at one observation instant (shelf clock, no noise); ignored by default. */
    default void pose(ShopperPose pose) {
    }
}
