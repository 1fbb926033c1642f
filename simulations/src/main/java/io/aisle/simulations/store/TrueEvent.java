package io.aisle.simulations.store;

/**
 * Something that really happened in a simulated session.
 *
 * @param units signed: positive when units left the plate, negative when units were put on it
 * @param kind one of {@code pick}, {@code put-back}, {@code misplaced}, {@code hand-off}
 */
public record TrueEvent(long timestampMillis, String kind, String shopperId, String plateId, String sku, int units) {
}
