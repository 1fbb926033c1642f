/**
 * Store-vision runs driven from the simulator side: training the product recognizer on rendered
 * crops and publishing it to the model registry, measuring its latency, simulated store cameras
 * and the checkout-free store run from them (cameras, tracking, fusion, receipts).
 */
package io.aisle.simulations.vision;
