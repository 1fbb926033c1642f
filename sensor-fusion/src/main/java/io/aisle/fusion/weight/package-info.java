/**
 * Load-cell change detection: per plate, stable-state differencing turns a noisy, drifting
 * weight signal into discrete weight changes, ignoring touches and short leans.
 */
package io.aisle.fusion.weight;
