/** Test data builders of store vision: a TorchScript model written without Python. */
package io.aisle.vision.testing;
