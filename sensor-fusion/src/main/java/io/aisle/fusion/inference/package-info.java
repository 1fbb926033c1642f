/**
 * What and how many: a likelihood over the combinations of candidate products whose weights
 * explain a plate's weight change (a small bounded subset-sum for mixed plates).
 */
package io.aisle.fusion.inference;
