/**
 * Inputs of sensor fusion besides shopper observations: one load-cell sample of one plate, and
 * hand crops for the optional product recognizer, in event time.
 */
package io.aisle.fusion.reading;
