/**
 * Storefront interaction events: validation at the edge, the event bus they travel on
 * (in-process or Kafka) and the per-user recent history they update (in memory or Redis).
 */
package io.aisle.serving.events;
