/**
 * JMH micro-benchmarks of recommendation scoring: FM top-10 over a 100k-item catalogue and XGBoost
 * re-ranking of 100 candidates. Run with {@code java -cp ... org.openjdk.jmh.Main} (see docs/benchmarks.md).
 */
package io.aisle.simulations.jmh;
