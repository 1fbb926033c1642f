/**
 * Interaction logs line by line, without Spark: basket files, delimited user logs and JSON-lines events,
 * parsed into {@link io.aisle.training.ingest.Interaction}s or a bad-row reason naming the field.
 */
package io.aisle.training.ingest;
