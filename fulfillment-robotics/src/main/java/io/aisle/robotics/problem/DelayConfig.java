package io.aisle.robotics.problem;

/**
 * Execution delays as in the LoRR 2026 model: every robot, every step, starts a delay with probability
 * {@code eventProbability} (a Poisson process); a delay lasts between {@code minSteps} and {@code maxSteps}.
 *
 * @param seed             seed of the delay generator
 * @param minSteps         shortest delay, at least 1
 * @param maxSteps         longest delay, at least {@code minSteps}
 * @param eventProbability per robot and step, in [0, 1]
 */
public record DelayConfig(long seed, int minSteps, int maxSteps, double eventProbability) {

    /** The LoRR 2026 start-kit defaults: delays of 2 to 8 steps, 0.3% chance per robot and step. */
    public static DelayConfig lorr2026(long seed) {
        return new DelayConfig(seed, 2, 8, 0.003);
    }

    public DelayConfig {
        if (minSteps < 1) {
            throw new IllegalArgumentException("minSteps must be >= 1 but was " + minSteps);
        }
        if (maxSteps < minSteps) {
            throw new IllegalArgumentException("maxSteps must be >= minSteps=" + minSteps + " but was " + maxSteps);
        }
        if (!(eventProbability >= 0 && eventProbability <= 1)) {
            throw new IllegalArgumentException("eventProbability must be in [0, 1] but was " + eventProbability);
        }
    }
}
