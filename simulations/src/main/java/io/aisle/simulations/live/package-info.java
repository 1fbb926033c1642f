/** Simulated devices talking to a running server over signed HTTP, as real ones would: the live demo store. */
package io.aisle.simulations.live;
