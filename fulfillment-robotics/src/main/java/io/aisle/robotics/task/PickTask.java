package io.aisle.robotics.task;

/**
 * One order line for a robot: fetch a pod holding the SKU, bring it to a station, wait for the pick, return the
 * pod to a free storage cell.
 *
 * @param taskId    unique per dispatcher
 * @param orderId   the order the line belongs to
 * @param sku       what is picked
 * @param quantity  units picked
 * @param podId     the pod to fetch
 * @param stationId the station to bring it to
 */
public record PickTask(long taskId, String orderId, String sku, int quantity, int podId, int stationId) {

    public PickTask withPod(int newPodId) {
        return new PickTask(taskId, orderId, sku, quantity, newPodId, stationId);
    }

    public PickTask withStation(int newStationId) {
        return new PickTask(taskId, orderId, sku, quantity, podId, newStationId);
    }
}
