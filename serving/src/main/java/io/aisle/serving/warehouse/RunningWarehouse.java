package io.aisle.serving.warehouse;

import io.aisle.robotics.dispatch.Dispatcher;
import io.aisle.robotics.dispatch.DispatcherSettings;
import io.aisle.robotics.layout.WarehouseLayout;
import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A registered warehouse and its live dispatcher. The dispatcher is thread-safe but blocking (its lock is held for
 * up to the plan budget during a tick): call it off the event loop.
 *
 * @param key        the tenant's warehouse
 * @param spec       its registration
 * @param layout     the layout derived from its map
 * @param dispatcher its dispatcher, ticked only by the {@link WarehouseTicker}
 * @param robotIds   the registered robots
 * @param wakeups    wakes a robot's waiting command polls when a tick plans it a command
 */
public record RunningWarehouse(WarehouseKey key, WarehouseSpec spec, WarehouseLayout layout, Dispatcher dispatcher, Set<String> robotIds,
                               CommandWakeups wakeups) {

    public RunningWarehouse {
        robotIds = Set.copyOf(robotIds);
    }

    /**
     * Starts a dispatcher for a registration, its robots idle at their start cells.
     *
     * @throws IllegalArgumentException when the map gives no layout or the robots do not fit it
     */
    public static RunningWarehouse start(WarehouseKey key, WarehouseSpec spec, WarehouseProperties properties, Clock clock) {
        WarehouseLayout layout = spec.layout();
        DispatcherSettings defaults = DispatcherSettings.defaults(spec.actionModel());
        DispatcherSettings settings = new DispatcherSettings(spec.actionModel(), properties.telemetryTimeout().toMillis(),
                properties.planBudget().toMillis(), defaults.drainPerMove(), defaults.drainPerTick(),
                defaults.chargePerTick(), defaults.lowBatteryPercent(), spec.seed(), 0);
        int[] starts = spec.robots().stream().mapToInt(WarehouseSpec.RobotStart::cell).toArray();
        var ids = spec.robots().stream().map(WarehouseSpec.RobotStart::id).toList();
        Dispatcher dispatcher = new Dispatcher(layout, ids, starts, settings, clock);
        Set<String> robotIds = ids.stream().collect(Collectors.toSet());
        CommandWakeups wakeups = new CommandWakeups(robotIds);
        dispatcher.addCommandListener(wakeups::onCommand);
        return new RunningWarehouse(key, spec, layout, dispatcher, robotIds, wakeups);
    }
}
