package io.aisle.simulations.store;

import io.aisle.vision.observation.FloorPoint;
import io.aisle.vision.observation.StorePoint;

/**
 * The ground-truth 3D pose of one simulated shopper at one instant, without sensor noise, from
 * which cameras can be simulated.
 *
 * @param timestampMillis event time on the shelf clock
 */
public record ShopperPose(String shopperId, long timestampMillis, FloorPoint position, StorePoint leftWrist,
                          StorePoint rightWrist) {
}
