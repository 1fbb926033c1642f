/**
 * Checkout-free stores at the edge: the per-tenant store registry, the store endpoints, and the
 * single owner per store that feeds shelf readings, shopper observations and camera frames into
 * its fusion engine and publishes carts and receipts.
 */
package io.aisle.serving.store;
