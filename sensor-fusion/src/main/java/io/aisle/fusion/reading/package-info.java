/** The shelf-sensor input of sensor fusion: one load-cell sample of one plate, in event time. */
package io.aisle.fusion.reading;
