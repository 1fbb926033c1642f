/**
 * The shopper-log generator: users with latent tastes buy from a catalogue with Zipf popularity and
 * categories, in visits with several items, repeat purchases and timestamps.
 */
package io.aisle.simulations.shoppers;
