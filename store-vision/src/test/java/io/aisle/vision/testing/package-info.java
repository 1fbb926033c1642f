/** Test data builders: a small synthetic store with two cameras, scripted shopper walks and their seeded camera views. */
package io.aisle.vision.testing;
