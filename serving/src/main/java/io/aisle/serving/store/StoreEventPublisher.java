package io.aisle.serving.store;

import java.util.List;

/**
 * Where the owner of a store sends what its feed announces, so servers that do not own the store
 * can answer its reads. Called by the store's owner thread only.
 */
public interface StoreEventPublisher {

    /** Keeps everything in this process only: the embedded default. */
    StoreEventPublisher NONE = new StoreEventPublisher() {
        @Override
        public void publish(StoreKey store, List<StoreEvent> events) {
        }

        @Override
        public boolean flush() {
            return true;
        }
    };

    /**
     * Sends a store's events, in order. Never throws: what cannot be sent now waits, in order, for
     * the next call or {@link #flush()}.
     */
    void publish(StoreKey store, List<StoreEvent> events);

    /**
     * Sends whatever still waits. A checkpoint may only be taken once this returned true, or a
     * successor resuming from it would never send the events that were waiting.
     *
     * @return true when nothing waits any more
     */
    boolean flush();
}
