/**
 * Distances to goal cells cached per goal: true shortest-path distances by breadth-first search
 * ({@code DistanceOracle}), and costs on a grid of one-way lanes by Dijkstra ({@code LaneDistanceOracle}).
 */
package io.aisle.robotics.distance;
