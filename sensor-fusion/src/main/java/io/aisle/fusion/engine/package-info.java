/**
 * The fusion engine of one store: takes shelf readings and shopper observations in any order
 * within the allowed lateness, and emits cart updates and receipts. Deterministic given its
 * inputs; its state can be snapshotted and restored.
 */
package io.aisle.fusion.engine;
