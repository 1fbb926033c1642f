package io.aisle.serving.warehouse;

import io.aisle.robotics.layout.WarehouseLayout;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A warehouse as registered, known to every replica whether or not it runs the warehouse's dispatcher.
 *
 * @param key      the tenant's warehouse
 * @param spec     its registration
 * @param layout   the layout derived from its map
 * @param robotIds the registered robots
 */
public record RegisteredWarehouse(WarehouseKey key, WarehouseSpec spec, WarehouseLayout layout, Set<String> robotIds) {

    public RegisteredWarehouse {
        robotIds = Set.copyOf(robotIds);
    }

    /**
     * Derives the layout of a registration.
     *
     * @throws IllegalArgumentException when the map gives no layout
     */
    public static RegisteredWarehouse of(WarehouseKey key, WarehouseSpec spec) {
        return new RegisteredWarehouse(key, spec, spec.layout(),
                spec.robots().stream().map(WarehouseSpec.RobotStart::id).collect(Collectors.toSet()));
    }
}
