/**
 * Offline evaluation computed in every training run, with baselines on the same split: hidden-item
 * hit rate for baskets and per-user Recall/NDCG for user logs.
 */
package io.aisle.training.evaluation;
