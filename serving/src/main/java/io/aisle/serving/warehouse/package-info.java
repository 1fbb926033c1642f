/**
 * The warehouse dispatch endpoints: per-tenant warehouse registration, WMS orders, robot commands
 * (long-poll and SSE), robot telemetry, closed cells and warehouse state, over one {@code Dispatcher} per warehouse
 * run by the one replica holding its lease, ticked and checkpointed by one scheduled thread; other replicas relay
 * their calls to it.
 */
package io.aisle.serving.warehouse;
