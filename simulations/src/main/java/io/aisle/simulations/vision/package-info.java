/**
 * Store-vision runs driven from the simulator side: training the product recognizer on rendered
 * crops, measuring its batch-1 latency and publishing it to the model registry.
 */
package io.aisle.simulations.vision;
