package io.aisle.robotics.dispatch;

/** What a robot is doing, as the dispatcher sees it. */
public enum RobotState {
    /** No task; may be sent to charge. */
    IDLE,
    /** Driving to the pod of its task. */
    TO_POD,
    /** Carrying the pod to the station. */
    CARRYING,
    /** Waiting at the station while the picker works. */
    AT_STATION,
    /** Carrying the pod back to a free storage cell. */
    RETURNING,
    /** Driving to a charger or charging there. */
    CHARGING,
    /** Stopped reporting; its cell is an obstacle until an operator clears it. */
    FAULTED
}
