/**
 * The also-bought job: co-occurrence counts within baskets (Spark), item-to-item similarity
 * (confidence, cosine, damped confidence, EASE) and top-K neighbour lists for the recommender.
 */
package io.aisle.training.alsobought;
