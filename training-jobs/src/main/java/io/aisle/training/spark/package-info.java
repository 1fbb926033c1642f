/**
 * The Spark edge of the training jobs: session setup for {@code local[*]} and {@code spark-submit}, and
 * reading interaction logs into RDDs and DataFrames with bad-row accounting.
 */
package io.aisle.training.spark;
