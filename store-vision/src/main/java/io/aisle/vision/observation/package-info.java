/**
 * What store vision tells sensor fusion about shoppers: per-track floor positions and wrist
 * positions in the store frame, in event time.
 */
package io.aisle.vision.observation;
