/**
 * The scale-out bed: serving replicas sharing one home, a {@code redis-server} and a Kafka broker, behind HAProxy,
 * every one a separate process on loopback; and the runs that kill replicas under load through it.
 */
package io.aisle.simulations.scaleout;
