package io.aisle.robotics.dispatch;

/**
 * A pick task that cannot go on because closed cells (an operator's, or faulted robots') cut off what it needs.
 * It is not dropped: it goes on by itself once a route opens again.
 *
 * @param taskId  the task
 * @param orderId its order
 * @param robotId the robot holding it, or empty while it waits in the queue
 * @param reason  what is cut off
 */
public record StuckTask(long taskId, String orderId, String robotId, Reason reason) {

    /** What no route reaches. */
    public enum Reason {
        /**
         * No available pod holding the SKU can be brought to a station, or none can be reached by any robot that
         * is not faulted.
         */
        POD_UNREACHABLE,
        /** The robot carrying the pod can reach no station. */
        STATION_UNREACHABLE,
        /** The robot bringing the pod back can reach no free storage cell. */
        STORAGE_UNREACHABLE
    }
}
