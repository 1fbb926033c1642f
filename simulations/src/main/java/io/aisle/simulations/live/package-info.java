/**
 * Simulated devices talking to a running server over signed HTTP, as real ones would: the live demo store (shelf
 * readings with shopper observations or camera frames) and the live warehouse (robots and a WMS).
 */
package io.aisle.simulations.live;
