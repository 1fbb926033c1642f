/**
 * Statistics of online experiments: two conversion rates compared with a confidence interval for their
 * difference and the sample size a difference of that size needs.
 */
package io.aisle.recommender.experiment;
