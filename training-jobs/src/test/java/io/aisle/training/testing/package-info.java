/** Test data builders of the training jobs: seeded logs with known structure. */
package io.aisle.training.testing;
