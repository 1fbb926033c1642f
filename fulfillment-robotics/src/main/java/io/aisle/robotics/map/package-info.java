/** Grid maps of a warehouse floor: the MovingAI {@code .map} reader and the cell graph the planners walk. */
package io.aisle.robotics.map;
