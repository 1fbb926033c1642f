package io.aisle.robotics.planning;

/**
 * What happened while planning one step.
 *
 * @param planned             robots whose action came from search; the others were told to wait
 * @param budgetExhausted     the time budget ran out before every robot was searched for
 * @param livelockRecoveries  robots that had made no progress for too long and were perturbed this step
 */
public record StepOutcome(int planned, boolean budgetExhausted, int livelockRecoveries) {
}
