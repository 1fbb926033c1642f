/**
 * One store's camera input end to end: request bodies of frame batches are read within bounds,
 * frames of unsynchronised cameras are gathered into ticks, and each tick is tracked. This is
 * what an HTTP endpoint or a Kafka consumer feeds.
 */
package io.aisle.vision.ingest;
