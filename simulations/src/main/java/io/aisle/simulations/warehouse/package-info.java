/**
 * The warehouse simulator (robots executing commands with delays and breakdowns), an independent validator of
 * every executed step, the prioritized A* baseline planner, and the benchmark run that compares planners.
 */
package io.aisle.simulations.warehouse;
