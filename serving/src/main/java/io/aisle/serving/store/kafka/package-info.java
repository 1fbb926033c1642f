/**
 * Kafka mode of the stores: inputs published to one topic keyed {@code tenant:store}, consumed by
 * the worker that owns the store's partition, with engine checkpoints so a restarted worker resumes.
 */
package io.aisle.serving.store.kafka;
