/**
 * Tracking quality against ground truth: CLEAR MOT (MOTA, misses, false positives, identity
 * switches) and the identity measures IDF1, IDP and IDR, on floor positions.
 */
package io.aisle.vision.metrics;
