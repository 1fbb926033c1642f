/**
 * Inputs of sensor fusion besides shopper observations and hand crops (both store-vision's types):
 * one load-cell sample of one plate, in event time.
 */
package io.aisle.fusion.reading;
