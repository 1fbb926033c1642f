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
 * @param lookaheadWindow        rollout window of the planner's windowed improvement, 0 for plain guided PIBT
 *                               (it spends up to half of the budget left after the base plan, which delays
 *                               commands; off by default)
 */
public record DispatcherSettings(ActionModel model, long telemetryTimeoutMillis, long planBudgetMillis,
                                 double drainPerMove, double drainPerTick, double chargePerTick,
                                 double lowBatteryPercent, long seed, int lookaheadWindow) {

    /** Defaults for a 4-connected warehouse: 3 s telemetry timeout, 200 ms planning, about 1,000 moves a charge. */
    public static DispatcherSettings defaults(ActionModel model) {
        return new DispatcherSettings(model, 3_000, 200, 0.1, 0.005, 2.0, 20, 1, 0);
    }

    /** The same settings with windowed improvement over {@code window} steps (0: off). */
    public DispatcherSettings withLookaheadWindow(int window) {
        return new DispatcherSettings(model, telemetryTimeoutMillis, planBudgetMillis, drainPerMove, drainPerTick,
                chargePerTick, lowBatteryPercent, seed, window);
    }

    public DispatcherSettings {
        if (telemetryTimeoutMillis < 1 || planBudgetMillis < 1) {
            throw new IllegalArgumentException("timeouts must be >= 1 ms but were " + telemetryTimeoutMillis
                    + " and " + planBudgetMillis);
        }
        if (lookaheadWindow < 0) {
            throw new IllegalArgumentException("lookaheadWindow must be >= 0 but was " + lookaheadWindow);
        }
        if (!(lowBatteryPercent >= 0 && lowBatteryPercent < 100)) {
            throw new IllegalArgumentException("lowBatteryPercent must be in [0, 100) but was " + lowBatteryPercent);
        }
    }
}
