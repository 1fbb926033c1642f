/**
 * The learning-to-rank re-ranker: an XGBoost booster (trained by Spark's XGBoostRanker) scored through
 * the plain xgboost4j Java API, its feature spec and the features it reads from the other models.
 */
package io.aisle.recommender.ranking;
