/**
 * The ranker job: XGBoost4J-Spark {@code XGBoostRanker} (rank:ndcg) trained on FM and also-bought
 * candidates with the features of {@link io.aisle.recommender.ranking.RankingFeatures}, exported as a
 * native booster for plain-Java scoring.
 */
package io.aisle.training.ranker;
