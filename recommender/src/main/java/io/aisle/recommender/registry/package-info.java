/**
 * The versioned model registry: {@code {registry}/{tenant}/{model}/{version}/} folders published
 * atomically with a manifest of checksums, an approved-version pointer per tenant and model, and rollback.
 */
package io.aisle.recommender.registry;
