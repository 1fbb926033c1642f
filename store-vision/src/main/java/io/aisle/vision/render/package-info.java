/**
 * Synthetic product crops for training and testing the recognizer: each product appearance has
 * its own colour, pattern and label mark, and every crop is seen with its own pose, scale,
 * lighting, blur and partial occlusion by a hand.
 */
package io.aisle.vision.render;
