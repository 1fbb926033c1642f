/**
 * The warehouse dispatch endpoints: per-tenant warehouse registration, WMS orders, robot commands
 * (long-poll and SSE), robot telemetry and warehouse state, over one {@code Dispatcher} per warehouse
 * ticked by one scheduled thread.
 */
package io.aisle.serving.warehouse;
