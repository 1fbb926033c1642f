package io.aisle.robotics.dispatch;

import io.aisle.robotics.motion.ActionModel;

/**
 * Tuning of a dispatcher.
 *
 * @param model                  action model of the robots
 * @param telemetryTimeoutMillis silence after which a robot is faulted
 * @param planBudgetMillis       planning budget per tick
 * @param drainPerMove           battery percent spent per confirmed move or turn
 * @param drainPerTick           battery percent spent per tick regardless
 * @param chargePerTick          battery percent gained per tick on a charger
 * @param lowBatteryPercent      an idle robot below this goes to charge
 * @param seed                   seeds the planner's tie-breaking
 */
public record DispatcherSettings(ActionModel model, long telemetryTimeoutMillis, long planBudgetMillis,
                                 double drainPerMove, double drainPerTick, double chargePerTick,
                                 double lowBatteryPercent, long seed) {

    /** Defaults for a 4-connected warehouse: 3 s telemetry timeout, 200 ms planning, about 1,000 moves a charge. */
    public static DispatcherSettings defaults(ActionModel model) {
        return new DispatcherSettings(model, 3_000, 200, 0.1, 0.005, 2.0, 20, 1);
    }

    public DispatcherSettings {
        if (telemetryTimeoutMillis < 1 || planBudgetMillis < 1) {
            throw new IllegalArgumentException("timeouts must be >= 1 ms but were " + telemetryTimeoutMillis
                    + " and " + planBudgetMillis);
        }
        if (!(lowBatteryPercent >= 0 && lowBatteryPercent < 100)) {
            throw new IllegalArgumentException("lowBatteryPercent must be in [0, 100) but was " + lowBatteryPercent);
        }
    }
}
