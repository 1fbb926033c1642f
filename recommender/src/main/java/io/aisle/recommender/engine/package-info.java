/**
 * The framework-free entry point for serving: one tenant's approved models loaded from the registry,
 * answering also-bought and for-you requests with the model version that produced each answer, and a
 * holder that reloads them and keeps the previous set when a new one is refused.
 */
package io.aisle.recommender.engine;
