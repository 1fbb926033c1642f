/**
 * What edge devices send per camera and frame: person boxes with confidences, body keypoints
 * (wrists at least) and optional hand crops, plus the bounded JSON reader for batches of them.
 */
package io.aisle.vision.frame;
