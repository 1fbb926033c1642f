/**
 * The request gate in front of every {@code /v1} endpoint: signature and clock checks, replay
 * protection, roles, quotas and the per-tenant concurrency bulkhead, in that order.
 */
package io.aisle.serving.security;
