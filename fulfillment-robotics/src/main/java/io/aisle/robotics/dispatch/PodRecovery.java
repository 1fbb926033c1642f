package io.aisle.robotics.dispatch;

/**
 * A pod left on a faulted robot: an operator must recover it; its SKUs are unavailable until then.
 *
 * @param podId   the pod
 * @param cell    where it stands
 * @param robotId the faulted robot under it
 */
public record PodRecovery(int podId, int cell, String robotId) {
}
