/**
 * The for-you job: a Spark MLlib factorization machine on implicit feedback with popularity-aware
 * sampled negatives, exported to the recommender's portable FM format, and its per-user evaluation.
 */
package io.aisle.training.foryou;
