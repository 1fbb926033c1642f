/** Test data builders for sensor fusion: a small store and a scripted session that renders sensor streams. */
package io.aisle.fusion.testing;
