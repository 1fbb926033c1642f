/**
 * Test data builders of store vision: a TorchScript model written without Python, and the
 * recognizer's exam (fixed crops, tracked hand crops and the measured bars a trained model must clear).
 */
package io.aisle.vision.testing;
