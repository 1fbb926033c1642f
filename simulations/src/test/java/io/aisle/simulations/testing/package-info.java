/** Test fixtures of the simulations module: a real server to run live clients against. */
package io.aisle.simulations.testing;
