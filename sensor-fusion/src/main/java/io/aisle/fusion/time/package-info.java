/**
 * Event-time ordering: a bounded out-of-order buffer released by a watermark, which counts
 * late inputs instead of failing on them.
 */
package io.aisle.fusion.time;
