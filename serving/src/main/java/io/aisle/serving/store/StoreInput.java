package io.aisle.serving.store;

import io.aisle.fusion.account.EntryEvent;
import io.aisle.fusion.reading.ShelfReading;
import io.aisle.fusion.review.ReviewRequest;
import io.aisle.vision.observation.ShopperObservation;
import java.util.List;

/** One validated batch of a store's input, as the store's owner applies it. */
public sealed interface StoreInput {

    /** The number of samples, observations or frames in the batch. */
    int size();

    /** Load-cell samples, in the order sent. */
    record ShelfBatch(List<ShelfReading> readings) implements StoreInput {
        public ShelfBatch {
            readings = List.copyOf(readings);
        }

        @Override
        public int size() {
            return readings.size();
        }
    }

    /** Shopper observations, in the order sent. */
    record ObservationBatch(List<ShopperObservation> observations) implements StoreInput {
        public ObservationBatch {
            observations = List.copyOf(observations);
        }

        @Override
        public int size() {
            return observations.size();
        }
    }

    /**
     * A camera-frame batch, kept as the JSON body: the store's camera ingest reads it on the
     * owner thread, where the tracker lives.
     *
     * @param frames the number of frames, counted when the batch was checked at the edge
     */
    record CameraBatch(byte[] body, int frames) implements StoreInput {
        @Override
        public int size() {
            return frames;
        }
    }

    /** Entry events from the store's gates, in the order sent. */
    record EntryBatch(List<EntryEvent> entries) implements StoreInput {
        public EntryBatch {
            entries = List.copyOf(entries);
        }

        @Override
        public int size() {
            return entries.size();
        }
    }

    /** A reviewer's resolution or a shopper's dispute of one receipt. */
    record Review(ReviewRequest request) implements StoreInput {
        @Override
        public int size() {
            return 1;
        }
    }
}
