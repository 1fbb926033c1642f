/** The items a model knows: ids, categories and interaction counts, indexed densely from zero. */
package io.aisle.recommender.catalog;
