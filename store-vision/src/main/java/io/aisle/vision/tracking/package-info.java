/**
 * Multi-camera shopper tracking on the floor plane: per-camera detections are projected to the
 * floor and fused, then associated to Kalman-filtered tracks in ByteTrack's two passes (high, then
 * low confidence) with Hungarian assignment. Identities are born only at the entry gate and
 * survive occlusion and camera hand-over.
 */
package io.aisle.vision.tracking;
