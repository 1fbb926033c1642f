package io.aisle.fusion.layout;

import java.util.Objects;

/**
 * A gate at the store's entrance: the floor cell a shopper passes right after an app scan there.
 *
 * @param id the gate's name in entry events
 * @param zone the cell on the floor, in meters
 */
public record Gate(String id, FloorZone zone) {

    public Gate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(zone, "zone");
        if (id.isBlank()) {
            throw new IllegalArgumentException("gate id must not be blank");
        }
    }
}
