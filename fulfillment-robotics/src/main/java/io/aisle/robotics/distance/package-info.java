/** True shortest-path distances on the grid, computed by breadth-first search and cached per goal cell. */
package io.aisle.robotics.distance;
