/**
 * Synthetic camera scenes with ground truth: scripted shopper walks seen by calibrated cameras,
 * with seeded pixel noise, missed and false detections and occlusions. For tests and benchmarks
 * of tracking; nothing here is used on live camera input.
 */
package io.aisle.vision.scene;
