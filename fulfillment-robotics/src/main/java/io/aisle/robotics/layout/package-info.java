/** The warehouse on top of a grid map: storage cells holding pods (and the SKUs on each), pick stations, chargers. */
package io.aisle.robotics.layout;
