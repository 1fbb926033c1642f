/**
 * Recommendation endpoints and the models behind them: per-tenant deployments loaded from the
 * model registry, A/B and shadow variants, and hot reload that swaps versions atomically.
 */
package io.aisle.serving.recommendations;
