package io.aisle.serving.store;

import io.aisle.fusion.engine.ShopperPosition;
import java.util.List;
import java.util.Map;

/**
 * What the owner of a store last saw on its floor, after the latest batch it applied: the shoppers
 * still in the store where they were last seen, and when each sensor last sent something. Held in
 * memory only; after a takeover the sensors are known again with their next batch.
 *
 * @param clockMillis the store clock: the newest shelf-reading time (the clock fusion runs on), or the
 *     newest input of any kind while no plate has read; {@link Long#MIN_VALUE} before any input
 * @param shoppers shoppers in order of first appearance
 * @param newestReadingMillisByPlate newest reading time per plate; plates never heard from are absent
 * @param newestFrameMillisByCamera newest frame time per camera, on the camera's clock; cameras never heard from are absent
 */
public record FloorView(long clockMillis, List<ShopperPosition> shoppers, Map<String, Long> newestReadingMillisByPlate,
                        Map<String, Long> newestFrameMillisByCamera) {

    public static final FloorView EMPTY = new FloorView(Long.MIN_VALUE, List.of(), Map.of(), Map.of());

    public FloorView {
        shoppers = List.copyOf(shoppers);
        newestReadingMillisByPlate = Map.copyOf(newestReadingMillisByPlate);
        newestFrameMillisByCamera = Map.copyOf(newestFrameMillisByCamera);
    }

    /** Whether anything has been applied yet. */
    public boolean hasClock() {
        return clockMillis != Long.MIN_VALUE;
    }
}
