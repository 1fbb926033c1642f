/**
 * Outcomes of A/B tests: every recommendation served is an impression with an id, events that name it are
 * attributed to its variant within a window, and the per-variant counts are compared.
 */
package io.aisle.serving.experiments;
