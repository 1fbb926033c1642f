/**
 * One store's whole chain as a single type: camera ingest and tracking, the fusion engine, the
 * optional product recognizer, and one snapshot of them. The server, the Kafka store worker and
 * the benchmarks all run it.
 */
package io.aisle.fusion.pipeline;
