/** Spark batch jobs that train Aisle's recommendation models and publish them to the model registry. */
package io.aisle.training;
