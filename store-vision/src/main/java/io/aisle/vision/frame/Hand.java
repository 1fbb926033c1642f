package io.aisle.vision.frame;

/** Which hand a crop or wrist belongs to, from the shopper's point of view. */
public enum Hand {
    LEFT, RIGHT
}
