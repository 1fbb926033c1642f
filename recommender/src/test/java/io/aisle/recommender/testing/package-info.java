/** Builders of small catalogues and models for the recommender's tests. */
package io.aisle.recommender.testing;
