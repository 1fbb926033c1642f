/**
 * Plain-Java recommendation scoring: item catalogues, also-bought neighbour lists, factorization-machine
 * scoring, XGBoost re-ranking and the versioned model registry. No Spark, no Spring.
 */
package io.aisle.recommender;
