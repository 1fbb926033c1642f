/**
 * Retraining on a schedule: per tenant and model, a schedule in the registry, runs started in a child JVM (never
 * in the server's heap), a promotion rule applied by the training job, and each run's status and report kept
 * beside the model so that every replica sharing the registry sees them.
 */
package io.aisle.serving.retrain;
