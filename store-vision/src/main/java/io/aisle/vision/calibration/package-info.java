/**
 * Pinhole camera calibration (intrinsics and extrinsics in the store frame), its JSON file format,
 * and the geometry built on it: pixels to floor points, rays, two-view triangulation and
 * intersection with a shelf face of known position.
 */
package io.aisle.vision.calibration;
