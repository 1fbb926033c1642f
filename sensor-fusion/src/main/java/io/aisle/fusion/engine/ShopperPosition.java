package io.aisle.fusion.engine;

import java.util.Objects;

/**
 * Where a shopper still in the store was last seen, on the store floor (metres, the layout's frame).
 *
 * @param shopperId the shopper's id, as on their cart and receipt
 * @param trackId the observation track most recently linked to the shopper
 * @param xMeters floor x of the last sighting
 * @param yMeters floor y of the last sighting
 * @param seenAtMillis event time of the last sighting (shelf clock, epoch ms)
 */
public record ShopperPosition(String shopperId, String trackId, double xMeters, double yMeters, long seenAtMillis) {

    public ShopperPosition {
        Objects.requireNonNull(shopperId, "shopperId");
        Objects.requireNonNull(trackId, "trackId");
    }
}
