/**
 * "Recommended for you": factorization-machine weights trained by Spark, a scorer that reproduces
 * Spark's predictions and ranks a whole catalogue for one user, and their portable file format.
 */
package io.aisle.recommender.foryou;
