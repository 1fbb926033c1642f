/**
 * The warehouse dispatch endpoints: per-tenant warehouse registration, WMS orders, robot commands
 * (long-poll and SSE), robot telemetry, closed cells and warehouse state, over one {@code Dispatcher} per warehouse
 * ticked (and checkpointed to disk) by one scheduled thread.
 */
package io.aisle.serving.warehouse;
