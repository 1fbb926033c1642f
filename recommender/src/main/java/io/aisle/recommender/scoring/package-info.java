/**
 * Building blocks shared by every recommender: a bounded top-K heap over primitive scores, request
 * filters, and popularity fallbacks for cold start.
 */
package io.aisle.recommender.scoring;
